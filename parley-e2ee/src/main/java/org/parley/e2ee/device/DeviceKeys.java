package org.parley.e2ee.device;

import java.security.SecureRandom;
import java.util.List;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.crypto.StaticKeyAgreement;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;

/**
 * A device's private long-term keys: the Ed25519 signing key and the X25519 identity agreement
 * key, with the suites the device supports. Made once per installation; {@link #encode()} gives the
 * bytes the client keeps in an owner-only file (docs/E2EE.md, "Device state").
 *
 * <p><b>Security.</b> {@code toString} shows only the public signing key.
 */
public final class DeviceKeys {
    private final SigningKey signingKey;
    private final AgreementKeyPair agreementKey;
    private final DeviceIdentity identity;

    private DeviceKeys(SigningKey signingKey, AgreementKeyPair agreementKey, List<E2eSuite> suites) {
        this.signingKey = signingKey;
        this.agreementKey = agreementKey;
        Bytes unsigned = DeviceIdentity.unsignedPart(signingKey.publicKey(), agreementKey.publicKey(), suites);
        Bytes signature = signingKey.sign(Bytes.concat(DeviceIdentity.LABEL, unsigned), null);
        try {
            this.identity = DeviceIdentity.parse(Bytes.concat(unsigned, signature));
        } catch (E2eeException e) {
            throw new IllegalStateException("own device identity does not verify", e);
        }
    }

    /** Makes a new device: fresh signing and agreement keys supporting {@code suites}. */
    public static DeviceKeys generate(List<E2eSuite> suites, SecureRandom random) {
        requireSuites(suites);
        SigningKey signing = SignatureAlgorithm.ED25519.create().generate(random);
        AgreementKeyPair agreement = StaticKeyAgreement.x25519().generate(random);
        return new DeviceKeys(signing, agreement, suites);
    }

    /** Makes a new device supporting every suite. */
    public static DeviceKeys generate(SecureRandom random) {
        return generate(List.of(E2eSuite.values()), random);
    }

    public DeviceIdentity identity() {
        return identity;
    }

    public List<E2eSuite> suites() {
        return identity.suites();
    }

    /** Signs {@code message} with the device's Ed25519 key (deterministic). */
    public Bytes sign(Bytes message) {
        return signingKey.sign(message, null);
    }

    /** DH(identity agreement key, {@code peer}). */
    public SecretBytes agree(Bytes peer) throws E2eeException {
        try {
            return agreementKey.agree(peer);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "peer X25519 key is unusable", e);
        }
    }

    /**
     * The private device state: {@code version u8 (1) ‖ ed25519_seed[32] ‖ x25519_private[32] ‖
     * suites<1..8>}.
     */
    public SecretBytes encode() {
        byte[] signing = signingKey.encodedPrivateKey().revealCopy();
        byte[] agreement = agreementKey.encodedPrivateKey().revealCopy();
        Bytes suiteBytes = identity.encoded().slice(65, 66 + (identity.encoded().get(65) & 0xff));
        byte[] out = new byte[1 + 32 + 32 + suiteBytes.length()];
        out[0] = 1;
        System.arraycopy(signing, 0, out, 1, 32);
        System.arraycopy(agreement, 0, out, 33, 32);
        suiteBytes.copyTo(out, 65);
        java.util.Arrays.fill(signing, (byte) 0);
        java.util.Arrays.fill(agreement, (byte) 0);
        return SecretBytes.wrapOwned(out);
    }

    /** Restores what {@link #encode()} produced. */
    public static DeviceKeys decode(SecretBytes state) throws E2eeException {
        byte[] raw = state.revealCopy();
        try {
            if (raw.length < 67 || raw.length > 66 + DeviceIdentity.MAX_SUITES || raw[0] != 1
                    || (raw[65] & 0xff) != raw.length - 66) {
                throw E2eeException.malformed("device state has the wrong length or version");
            }
            SigningKey signing = SignatureAlgorithm.ED25519.create().restore(SecretBytes.copyOf(raw, 1, 32));
            AgreementKeyPair agreement = StaticKeyAgreement.x25519().restore(SecretBytes.copyOf(raw, 33, 32));
            List<E2eSuite> suites = new java.util.ArrayList<>();
            for (int i = 66; i < raw.length; i++) {
                suites.add(E2eSuite.fromCode(raw[i] & 0xff)
                        .orElseThrow(() -> E2eeException.malformed("device state lists an unknown suite")));
            }
            requireSuites(suites);
            return new DeviceKeys(signing, agreement, suites);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.MALFORMED, "device state holds a malformed key", e);
        } finally {
            java.util.Arrays.fill(raw, (byte) 0);
        }
    }

    private static void requireSuites(List<E2eSuite> suites) {
        if (suites.isEmpty()) {
            throw new IllegalArgumentException("a device must support at least one suite");
        }
    }

    @Override
    public String toString() {
        return "DeviceKeys[" + identity.signingKey().toHex() + "]";
    }
}
