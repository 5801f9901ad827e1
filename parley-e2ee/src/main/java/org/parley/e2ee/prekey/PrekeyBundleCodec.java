package org.parley.e2ee.prekey;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The byte form of a {@link PrekeyBundle} (docs/E2EE.md, "Prekey bundle"):
 * {@code device_id u32 ‖ identity<64..256> (u16 length) ‖ signed_prekey<101> (u16) ‖
 * one_time_prekey<0|101> (u16, empty = none) ‖ kem_prekey<1253> (u16)}. At most 1,723 bytes.
 */
public final class PrekeyBundleCodec {
    public static final int MAX_LENGTH = 4 + 2 + DeviceIdentity.MAX_LENGTH + 2 + 101 + 2 + 101 + 2 + 1253;

    private PrekeyBundleCodec() {
    }

    public static Bytes encode(PrekeyBundle bundle) {
        return new WireWriter().u32(bundle.deviceId()).vector16(bundle.identity()).vector16(bundle.signedPrekey())
                .vector16(bundle.oneTimePrekey().orElse(Bytes.empty())).vector16(bundle.kemPrekey()).toBytes();
    }

    public static PrekeyBundle decode(Bytes encoded) throws E2eeException {
        if (encoded.length() > MAX_LENGTH) {
            throw E2eeException.malformed("prekey bundle longer than " + MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            long deviceId = reader.u32();
            Bytes identity = reader.vector16("identity", DeviceIdentity.MIN_LENGTH, DeviceIdentity.MAX_LENGTH);
            Bytes signed = reader.vector16("signed_prekey", 101, 101);
            Bytes oneTime = reader.vector16("one_time_prekey", 0, 101);
            Bytes kem = reader.vector16("kem_prekey", 1253, 1253);
            reader.expectEnd();
            if (!oneTime.isEmpty() && oneTime.length() != 101) {
                throw E2eeException.malformed("one-time prekey record must be 0 or 101 bytes");
            }
            return new PrekeyBundle(deviceId, identity, signed, oneTime.isEmpty() ? Optional.empty()
                    : Optional.of(oneTime), kem);
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "prekey bundle: " + e.getMessage(), e);
        }
    }
}
