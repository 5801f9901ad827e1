package org.parley.protocol.chat;

import java.util.Optional;
import org.parley.crypto.Bytes;

/**
 * What a sender needs to start a session with one device: its identity, its current signed X25519
 * prekey record, at most one one-time X25519 record (deleted on the server as it was handed out)
 * and one ML-KEM record (a one-time one, deleted as handed out, else the last-resort one).
 * Records are the opaque prekey records of docs/PROTOCOL.md, Section 14.8.
 */
public record PrekeyBundle(long deviceId, Bytes identity, Bytes signedPrekey, Optional<Bytes> oneTimePrekey,
                           Bytes kemPrekey) {
}
