package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.PrivateKey;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;

class MlKem768KemTest {
    private final Kem kem = Kem.mlKem768();

    @Test
    void encapsulationAndDecapsulationAgreeOnTheSecret() throws Exception {
        KemKeyPair pair = kem.generate(new SecureRandom());

        Encapsulation sent = kem.encapsulate(pair.encapsulationKey(), new SecureRandom());

        assertThat(pair.encapsulationKey().length()).isEqualTo(1184);
        assertThat(sent.response().length()).isEqualTo(1088);
        assertThat(kem.decapsulate(pair, sent.response())).isEqualTo(sent.sharedSecret());
    }

    @Test
    void aKeyPairRestoredFromItsSeedDecapsulatesWhatWasSentToTheOriginal() throws Exception {
        KemKeyPair original = kem.generate(new SecureRandom());
        Encapsulation sent = kem.encapsulate(original.encapsulationKey(), new SecureRandom());

        KemKeyPair restored = kem.restore(original.seed());

        assertThat(restored.encapsulationKey()).isEqualTo(original.encapsulationKey());
        assertThat(kem.decapsulate(restored, sent.response())).isEqualTo(sent.sharedSecret());
    }

    @Test
    void theSameSeedAlwaysGivesTheSameKeyAndADifferentSeedAnother() throws Exception {
        byte[] seed = new byte[64];
        seed[0] = 1;

        Bytes first = kem.restore(SecretBytes.copyOf(seed)).encapsulationKey();
        Bytes again = kem.restore(SecretBytes.copyOf(seed)).encapsulationKey();
        seed[31] = 1; // inside d; z (the last 32 bytes) only affects implicit rejection
        Bytes other = kem.restore(SecretBytes.copyOf(seed)).encapsulationKey();

        assertThat(again).isEqualTo(first);
        assertThat(other).isNotEqualTo(first);
    }

    @Test
    void theKeyCheckDrawsNoRandomnessAndRefusesWhatEncapsulationRefuses() throws Exception {
        Bytes valid = kem.generate(new SecureRandom()).encapsulationKey();
        byte[] invalid = valid.toByteArray();
        invalid[0] = (byte) 0xff;
        invalid[1] = (byte) 0x0f; // the first 12-bit coefficient is 4095 >= q = 3329

        kem.checkEncapsulationKey(valid);
        assertThatThrownBy(() -> kem.checkEncapsulationKey(Bytes.wrapOwned(invalid)))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kem.encapsulate(Bytes.wrapOwned(invalid), new SecureRandom()))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kem.checkEncapsulationKey(Bytes.wrapOwned(new byte[1183])))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void wrongLengthsAreRejected() {
        KemKeyPair pair = kem.generate(new SecureRandom());

        assertThatThrownBy(() -> kem.restore(SecretBytes.zeros(63))).isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kem.decapsulate(pair, Bytes.wrapOwned(new byte[1087])))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> kem.encapsulate(Bytes.wrapOwned(new byte[1183]), new SecureRandom()))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    /** The JDK's ML-KEM private key can be destroyed (its key bytes are overwritten), so destroy must do it. */
    @Test
    void destroyWipesTheJdkDecapsulationKeyNotOnlyTheSeed() {
        MlKemKeyPair pair = (MlKemKeyPair) kem.generate(new SecureRandom());
        PrivateKey jdkKey = pair.privateKey();

        pair.destroy();

        assertThat(jdkKey.isDestroyed()).as("the JDK decapsulation key is wiped").isTrue();
        assertThatThrownBy(pair::seed).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> kem.decapsulate(pair, Bytes.wrapOwned(new byte[1088])))
                .isInstanceOf(IllegalStateException.class);
        pair.destroy(); // idempotent
    }
}
