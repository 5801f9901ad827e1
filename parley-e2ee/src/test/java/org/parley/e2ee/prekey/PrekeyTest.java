package org.parley.e2ee.prekey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;

class PrekeyTest {
    private final Device bob = Fixtures.device("prekey bob");
    private final Device mallory = Fixtures.device("prekey mallory");

    @Test
    void recordsHaveTheContractLayoutAndVerify() throws Exception {
        Bytes record = bob.signed().encode();

        assertThat(record.length()).isEqualTo(101);
        assertThat(bob.oneTimeKem().encode().length()).isEqualTo(1253);
        assertThat(record.get(0)).isEqualTo((byte) 1);
        assertThat(PrekeyRecord.parse(record, bob.keys().identity().signingKey())).isEqualTo(bob.signed());
    }

    @Test
    void aRecordSignedByAnotherKeyOrChangedIsRefused() {
        byte[] changed = bob.oneTime().encode().toByteArray();
        changed[10] ^= 1;

        assertThatThrownBy(() -> PrekeyRecord.parse(bob.signed().encode(), mallory.keys().identity().signingKey()))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.BAD_SIGNATURE));
        assertThatThrownBy(() -> PrekeyRecord.parse(Bytes.wrapOwned(changed), bob.keys().identity().signingKey()))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.BAD_SIGNATURE));
        assertThatThrownBy(() -> PrekeyRecord.parse(Bytes.fromHex("05"), bob.keys().identity().signingKey()))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }

    @Test
    void aBundleWithASubstitutedPrekeyOrAnUnexpectedIdentityIsRefused() throws Exception {
        PrekeyBundle honest = bob.bundle(true, true);
        PrekeyBundle substituted = new PrekeyBundle(1, honest.identity(), mallory.signed().encode(),
                honest.oneTimePrekey(), honest.kemPrekey());
        PrekeyBundle otherIdentity = mallory.bundle(true, false);

        assertThat(VerifiedBundle.verify(honest, Optional.of(bob.keys().identity())).oneTimePrekey()).isPresent();
        assertThatThrownBy(() -> VerifiedBundle.verify(substituted, Optional.empty())).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.BAD_SIGNATURE));
        assertThatThrownBy(() -> VerifiedBundle.verify(otherIdentity, Optional.of(bob.keys().identity())))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.WRONG_IDENTITY));
    }

    @Test
    void aBundleWhoseSignedKemPrekeyFailsTheMlKemKeyCheckIsRefusedWhenVerified() throws Exception {
        // Signed by bob's own device, so kind, length and signature pass (all the server checks),
        // but the first 12-bit coefficient is 4095 >= q: FIPS 203's modulus check fails.
        byte[] invalid = bob.lastResort().publicKey().toByteArray();
        invalid[0] = (byte) 0xff;
        invalid[1] = (byte) 0x0f;
        for (PrekeyKind kind : List.of(PrekeyKind.LAST_RESORT_MLKEM768, PrekeyKind.ONE_TIME_MLKEM768)) {
            PrekeyRecord bad = PrekeyRecord.sign(bob.keys(), kind, 77, Bytes.wrapOwned(invalid.clone()));
            PrekeyBundle bundle = new PrekeyBundle(1, bob.keys().identity().encoded(), bob.signed().encode(),
                    Optional.empty(), bad.encode());

            assertThatThrownBy(() -> VerifiedBundle.verify(bundle, Optional.of(bob.keys().identity())))
                    .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.INVALID_KEY));
        }
    }

    @Test
    void theBundleEncodingRoundTripsAndRejectsWrongLengths() throws Exception {
        PrekeyBundle withoutOneTime = bob.bundle(false, false);
        Bytes encoded = PrekeyBundleCodec.encode(withoutOneTime);

        assertThat(PrekeyBundleCodec.decode(encoded)).isEqualTo(withoutOneTime);
        assertThat(PrekeyBundleCodec.encode(bob.bundle(true, true)).length()).isLessThanOrEqualTo(PrekeyBundleCodec.MAX_LENGTH);
        assertThatThrownBy(() -> PrekeyBundleCodec.decode(encoded.slice(0, encoded.length() - 1)))
                .isInstanceOfSatisfying(E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }

    @Test
    void theStoredPrekeysRestoreTheSamePrivateKeys() throws Exception {
        MemoryPrekeyStore restored = PrekeyStoreCodec.decode(PrekeyStoreCodec.encode(bob.store()));

        assertThat(restored.signedPrekey(bob.signed().keyId()).orElseThrow().publicKey())
                .isEqualTo(bob.signed().publicKey());
        assertThat(restored.kemPrekey(PrekeyKind.LAST_RESORT_MLKEM768, bob.lastResort().keyId()).orElseThrow()
                .encapsulationKey()).isEqualTo(bob.lastResort().publicKey());
        assertThat(PrekeyStoreCodec.encode(restored)).isEqualTo(PrekeyStoreCodec.encode(bob.store()));
    }

    @Test
    void aStoredStoreWithoutKeysKeepsItsNextKeyIdsSoNoIdIsUsedTwice() throws Exception {
        MemoryPrekeyStore store = new MemoryPrekeyStore();
        PrekeyRecord used = store.generate(bob.keys(), PrekeyKind.ONE_TIME_X25519, java.time.Instant.EPOCH,
                new java.security.SecureRandom());
        store.removeOneTime(PrekeyKind.ONE_TIME_X25519, used.keyId());

        MemoryPrekeyStore restored = PrekeyStoreCodec.decode(PrekeyStoreCodec.encode(store));

        assertThat(restored.generate(bob.keys(), PrekeyKind.ONE_TIME_X25519, java.time.Instant.EPOCH,
                new java.security.SecureRandom()).keyId()).isEqualTo(used.keyId() + 1);
    }
}
