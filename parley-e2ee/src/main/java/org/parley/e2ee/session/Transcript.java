package org.parley.e2ee.session;

import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.protocol.wire.WireWriter;

/**
 * The session-start transcript: every public value of the start, bound into the session key and
 * used (hashed) as every message's associated data, so neither identity, prekey, KEM key,
 * ciphertext nor suite can be swapped (the PQXDH re-encapsulation finding; docs/E2EE.md).
 */
record Transcript(E2eSuite suite, Bytes initiatorIdentity, Bytes responderIdentity, long signedPrekeyId,
        Bytes signedPrekey, Optional<Long> oneTimePrekeyId, Optional<Bytes> oneTimePrekey,
        Optional<PrekeyKind> kemKind, long kemId, Optional<Bytes> kemKey, Optional<Bytes> kemCiphertext,
        Bytes baseKey) {

    Bytes encode() {
        WireWriter out = new WireWriter(2600).fixed(Kdf.START_LABEL).u8(suite.code()).vector16(initiatorIdentity)
                .vector16(responderIdentity).u32(signedPrekeyId).fixed(signedPrekey)
                .bool(oneTimePrekeyId.isPresent());
        if (oneTimePrekeyId.isPresent()) {
            out.u32(oneTimePrekeyId.get()).fixed(oneTimePrekey.orElseThrow());
        }
        if (kemKind.isPresent()) {
            out.u8(kemKind.get().code()).u32(kemId).fixed(kemKey.orElseThrow()).fixed(kemCiphertext.orElseThrow());
        } else {
            out.u8(0);
        }
        return out.fixed(baseKey).toBytes();
    }
}
