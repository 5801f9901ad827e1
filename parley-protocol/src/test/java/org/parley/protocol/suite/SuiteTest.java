package org.parley.protocol.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class SuiteTest {

    @Test
    void noComponentIsBelow112BitSecurity() {
        assertThat(SuiteCatalog.components()).allSatisfy(c -> assertThat(c.securityBits()).isGreaterThanOrEqualTo(112));
    }

    @Test
    void everyWireCodeAndLabelIsUnique() {
        Set<Integer> codes = new HashSet<>();
        Set<String> labels = new HashSet<>();
        for (SuiteComponent component : SuiteCatalog.components()) {
            assertThat(codes.add(component.code())).as("code of %s", component).isTrue();
            assertThat(labels.add(component.label())).as("label of %s", component).isTrue();
            assertThat(component.label()).doesNotContain("_");
        }
    }

    @Test
    void everyKeyExchangeIsForwardSecretAndOnlyTheHybridIsPostQuantum() {
        for (KeyExchangeComponent kex : KeyExchangeComponent.values()) {
            assertThat(kex.forwardSecret()).isTrue();
            assertThat(kex.postQuantum()).isEqualTo(kex == KeyExchangeComponent.X25519_MLKEM768);
        }
    }

    @Test
    void modernOffersOnlyRecommendedComponents() {
        SuitePreferences modern = Preset.MODERN.preferences();
        assertThat(List.of(modern.keyExchanges(), modern.signatures(), modern.ciphers(), modern.hashes()))
                .allSatisfy(list -> assertThat(list).allSatisfy(c -> assertThat(((SuiteComponent) c).status()).isEqualTo(Status.RECOMMENDED)));
    }

    @Test
    void pqRequiresTheHybridKeyExchange() {
        assertThat(Preset.PQ.preferences().keyExchanges()).containsExactly(KeyExchangeComponent.X25519_MLKEM768);
    }

    @Test
    void compatibleOffersEveryComponent() {
        SuitePreferences compatible = Preset.COMPATIBLE.preferences();
        assertThat(compatible.keyExchanges()).containsExactlyInAnyOrder(KeyExchangeComponent.values());
        assertThat(compatible.signatures()).containsExactlyInAnyOrder(SignatureComponent.values());
        assertThat(compatible.ciphers()).containsExactlyInAnyOrder(CipherComponent.values());
        assertThat(compatible.hashes()).containsExactlyInAnyOrder(HashComponent.values());
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void everySuiteAPresetCanProduceIsAtLeast112Bits(Preset preset) {
        SuitePreferences p = preset.preferences();
        for (var kex : p.keyExchanges()) {
            for (var sig : p.signatures()) {
                for (var cipher : p.ciphers()) {
                    for (var hash : p.hashes()) {
                        assertThat(new CipherSuite(kex, sig, cipher, hash).securityBits()).isGreaterThanOrEqualTo(112);
                    }
                }
            }
        }
    }

    @Test
    void canonicalNamesRoundTripForEveryCombination() {
        for (var kex : KeyExchangeComponent.values()) {
            for (var sig : SignatureComponent.values()) {
                for (var cipher : CipherComponent.values()) {
                    for (var hash : HashComponent.values()) {
                        CipherSuite suite = new CipherSuite(kex, sig, cipher, hash);
                        assertThat(CipherSuite.parse(suite.canonicalName())).contains(suite);
                    }
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "PARLEY1", "PARLEY2_X25519_ED25519_AES256GCM_SHA384", "PARLEY1_X25519_ED25519_AES256GCM",
        "PARLEY1_X25519_ED25519_AES256GCM_SHA384_", "PARLEY1_x25519_ED25519_AES256GCM_SHA384", "PARLEY1_X25519_ED25519_AES256GCM_MD5",
        "PARLEY1_X25519_X25519_AES256GCM_SHA384"})
    void parsingRejectsAnythingButACanonicalName(String name) {
        assertThat(CipherSuite.parse(name)).isEmpty();
    }

    @Test
    void aSuiteIsAsStrongAsItsWeakestComponentAndRecommendedOnlyIfAllAre() {
        CipherSuite suite = CipherSuite.parse("PARLEY1_X448_RSAPSS3072_AES256GCM_SHA512").orElseThrow();

        assertThat(suite.securityBits()).isEqualTo(128);
        assertThat(suite.status()).isEqualTo(Status.ACCEPTABLE);
        assertThat(suite.postQuantumConfidentiality()).isFalse();
    }

    @Test
    void preferencesRejectDuplicatesAndEmptyLists() {
        assertThatThrownBy(() -> new SuitePreferences(List.of(), List.of(SignatureComponent.ED25519),
                List.of(CipherComponent.AES_128_GCM), List.of(HashComponent.SHA256)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SuitePreferences(List.of(KeyExchangeComponent.X25519, KeyExchangeComponent.X25519),
                List.of(SignatureComponent.ED25519), List.of(CipherComponent.AES_128_GCM), List.of(HashComponent.SHA256)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCatalogDescribesEveryComponentWithItsLabels() {
        List<String> lines = SuiteCatalog.describe();

        assertThat(lines).hasSize(1 + SuiteCatalog.components().size());
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("X25519MLKEM768").contains("0x0011").contains("128").contains("recommended"));
        assertThat(lines).anySatisfy(line -> assertThat(line).contains("RSAPSS3072").contains("acceptable"));
    }
}
