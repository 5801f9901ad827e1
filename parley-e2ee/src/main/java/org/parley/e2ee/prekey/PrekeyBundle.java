package org.parley.e2ee.prekey;

import java.util.Optional;
import org.parley.crypto.Bytes;

/**
 * One device's prekey bundle as the server hands it out (wire contract): the raw, still unverified
 * blobs. {@link VerifiedBundle#verify} checks them. The encoding used in the test vectors and
 * available to the server is {@link PrekeyBundleCodec}'s.
 *
 * @param deviceId the server-assigned device id (u32, from 1)
 * @param identity the device identity blob
 * @param signedPrekey the current signed X25519 prekey record
 * @param oneTimePrekey a one-time X25519 record, absent when the pool was empty
 * @param kemPrekey a one-time ML-KEM-768 record, else the last-resort one
 */
public record PrekeyBundle(long deviceId, Bytes identity, Bytes signedPrekey, Optional<Bytes> oneTimePrekey,
        Bytes kemPrekey) {
}
