package org.parley.desktop;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuiteCatalog;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;

/**
 * An offer built from individually chosen components, and what it guarantees in the worst case.
 *
 * <p>The server picks one component of each kind from what the client offers, by its own order of
 * preference, so an offer is only as strong as its weakest entry: {@link #worstCaseBits} and
 * {@link #postQuantumKeyExchange} describe that worst case for the login window.
 */
final class CustomSuite {
    /** Offer order: the widest preset's order, recommended components first. */
    private static final SuitePreferences ORDER = Preset.COMPATIBLE.preferences();

    /** How many of the offered key exchanges resist a quantum adversary. */
    enum Coverage { ALL, SOME, NONE }

    private CustomSuite() {
    }

    /** Every component, grouped by kind, in offer order. */
    static List<List<? extends SuiteComponent>> kinds() {
        return List.of(ORDER.keyExchanges(), ORDER.signatures(), ORDER.ciphers(), ORDER.hashes());
    }

    /** The offer for {@code chosen}, in offer order; empty if some kind has no component chosen. */
    static Optional<SuitePreferences> offer(Collection<? extends SuiteComponent> chosen) {
        List<KeyExchangeComponent> kex = ORDER.keyExchanges().stream().filter(chosen::contains).toList();
        List<SignatureComponent> sig = ORDER.signatures().stream().filter(chosen::contains).toList();
        List<CipherComponent> cipher = ORDER.ciphers().stream().filter(chosen::contains).toList();
        List<HashComponent> hash = ORDER.hashes().stream().filter(chosen::contains).toList();
        if (kex.isEmpty() || sig.isEmpty() || cipher.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new SuitePreferences(kex, sig, cipher, hash));
    }

    /** The security level if the server picks the weakest component of every kind. */
    static int worstCaseBits(SuitePreferences offer) {
        return all(offer).mapToInt(SuiteComponent::securityBits).min().orElseThrow();
    }

    static Coverage postQuantumKeyExchange(SuitePreferences offer) {
        long quantumSafe = offer.keyExchanges().stream().filter(SuiteComponent::postQuantum).count();
        return quantumSafe == offer.keyExchanges().size() ? Coverage.ALL : quantumSafe == 0 ? Coverage.NONE : Coverage.SOME;
    }

    static Coverage postQuantumSignature(SuitePreferences offer) {
        long quantumSafe = offer.signatures().stream().filter(SuiteComponent::postQuantum).count();
        return quantumSafe == offer.signatures().size() ? Coverage.ALL : quantumSafe == 0 ? Coverage.NONE : Coverage.SOME;
    }

    /** A stable key for remembering a component: its kind and label. */
    static String key(SuiteComponent component) {
        return SuiteCatalog.kind(component) + ":" + component.label();
    }

    /** The components whose {@link #key} is in {@code keys}; unknown keys are skipped. */
    static List<SuiteComponent> fromKeys(Collection<String> keys) {
        return kinds().stream().flatMap(List::stream).filter(c -> keys.contains(key(c))).map(c -> (SuiteComponent) c).toList();
    }

    private static Stream<SuiteComponent> all(SuitePreferences offer) {
        return Stream.of(offer.keyExchanges(), offer.signatures(), offer.ciphers(), offer.hashes())
                .flatMap(List::stream).map(c -> (SuiteComponent) c);
    }
}
