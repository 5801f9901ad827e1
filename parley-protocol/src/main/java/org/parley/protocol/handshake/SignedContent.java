package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;

/**
 * What the server signs: 64 spaces, a context string naming role and version, a zero byte, and the
 * transcript hash (the TLS 1.3 CertificateVerify layout).
 *
 * <p><b>Security.</b> The context string separates this signature from any other use of the key
 * (other roles, other protocol versions, other protocols), and the leading spaces keep an
 * attacker from choosing a prefix of the signed bytes.
 */
final class SignedContent {
    static final String SERVER_CONTEXT = "Parley v1 server signature";
    private static final Bytes PREFIX = Bytes.utf8(" ".repeat(64) + SERVER_CONTEXT + "\0");

    private SignedContent() {
    }

    static Bytes server(Bytes transcriptHash) {
        return Bytes.concat(PREFIX, transcriptHash);
    }
}
