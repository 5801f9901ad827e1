package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.StaticKeyAgreement;

class StaticKeyAgreementTest {
    private final StaticKeyAgreement x25519 = StaticKeyAgreement.x25519();

    @Test
    void restoredKeysReproduceTheRfc7748Section62Exchange() throws Exception {
        AgreementKeyPair alice = x25519.restore(SecretBytes.copyOf(Bytes.fromHex(
                "77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a").toByteArray()));
        AgreementKeyPair bob = x25519.restore(SecretBytes.copyOf(Bytes.fromHex(
                "5dab087e624a8a4b79e17f8b83800ee66f3bb1292618b6fd1c2f8b27ff88e0eb").toByteArray()));

        assertThat(alice.publicKey().toHex())
                .isEqualTo("8520f0098930a754748b7ddcb43ef75a0dbf3a0d26381af4eba4a98eaa9b4e6a");
        assertThat(Bytes.wrapOwned(alice.agree(bob.publicKey()).revealCopy()).toHex())
                .isEqualTo("4a5d9d5ba4ce2de1728e3bf480350f25e07e21c947d19e3376f09b3c1e161742");
        assertThat(bob.agree(alice.publicKey())).isEqualTo(alice.agree(bob.publicKey()));
    }

    @Test
    void aStoredPrivateKeyRestoresTheSamePublicKey() throws Exception {
        AgreementKeyPair original = x25519.generate(new SecureRandom());

        AgreementKeyPair restored = x25519.restore(original.encodedPrivateKey());

        assertThat(restored.publicKey()).isEqualTo(original.publicKey());
    }

    @Test
    void aLowOrderPeerKeyAndAWrongLengthAreRejected() {
        AgreementKeyPair own = x25519.generate(new SecureRandom());

        assertThatThrownBy(() -> own.agree(Bytes.wrapOwned(new byte[32])))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> own.agree(Bytes.wrapOwned(new byte[31])))
                .isInstanceOf(InvalidKeyMaterialException.class);
        assertThatThrownBy(() -> x25519.restore(SecretBytes.zeros(31)))
                .isInstanceOf(InvalidKeyMaterialException.class);
    }

    @Test
    void aDestroyedKeyPairCanNoLongerAgree() {
        AgreementKeyPair own = x25519.generate(new SecureRandom());
        Bytes peer = x25519.generate(new SecureRandom()).publicKey();

        own.destroy();

        assertThatThrownBy(() -> own.agree(peer)).isInstanceOf(IllegalStateException.class);
        assertThat(own.toString()).doesNotContain(peer.toHex());
    }
}
