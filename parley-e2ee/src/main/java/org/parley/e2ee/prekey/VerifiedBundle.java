package org.parley.e2ee.prekey;

import java.util.Optional;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;

/**
 * A prekey bundle whose identity and every record verified: only {@link #verify} makes one.
 */
public record VerifiedBundle(long deviceId, DeviceIdentity identity, PrekeyRecord signedPrekey,
        Optional<PrekeyRecord> oneTimePrekey, PrekeyRecord kemPrekey) {

    /**
     * Verifies {@code bundle}: the identity's own signature, each record's signature by that
     * identity, each record's kind, that the ML-KEM prekey passes FIPS 203's encapsulation-key
     * check, and, when this device was seen before, that its identity is byte for byte the one known.
     *
     * @param known the identity already known for this device, if any
     * @throws E2eeException BAD_SIGNATURE, WRONG_IDENTITY, MALFORMED or INVALID_KEY
     */
    public static VerifiedBundle verify(PrekeyBundle bundle, Optional<DeviceIdentity> known) throws E2eeException {
        DeviceIdentity identity = DeviceIdentity.parse(bundle.identity());
        if (known.isPresent() && !known.get().encoded().equals(identity.encoded())) {
            throw new E2eeException(E2eeError.WRONG_IDENTITY,
                    "device " + bundle.deviceId() + " presents a different identity than the one known");
        }
        PrekeyRecord signed = requireKind(PrekeyRecord.parse(bundle.signedPrekey(), identity.signingKey()),
                PrekeyKind.SIGNED_X25519);
        Optional<PrekeyRecord> oneTime = Optional.empty();
        if (bundle.oneTimePrekey().isPresent()) {
            oneTime = Optional.of(requireKind(PrekeyRecord.parse(bundle.oneTimePrekey().get(),
                    identity.signingKey()), PrekeyKind.ONE_TIME_X25519));
        }
        PrekeyRecord kem = PrekeyRecord.parse(bundle.kemPrekey(), identity.signingKey());
        if (!kem.kind().isKem()) {
            throw E2eeException.malformed("bundle's KEM prekey has kind " + kem.kind());
        }
        try {
            // Checked here, as a bundle refusal: the server checks only kind, length and signature.
            Kem.mlKem768().checkEncapsulationKey(kem.publicKey());
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "bundle's " + kem.kind() + " prekey " + kem.keyId()
                    + " fails the ML-KEM key check", e);
        }
        return new VerifiedBundle(bundle.deviceId(), identity, signed, oneTime, kem);
    }

    private static PrekeyRecord requireKind(PrekeyRecord record, PrekeyKind expected) throws E2eeException {
        if (record.kind() != expected) {
            throw E2eeException.malformed("expected a " + expected + " record, got " + record.kind());
        }
        return record;
    }
}
