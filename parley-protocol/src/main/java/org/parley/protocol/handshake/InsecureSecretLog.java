package org.parley.protocol.handshake;

import org.parley.crypto.SecretBytes;

/**
 * Receives every secret the key schedule derives, like NSS's SSLKEYLOGFILE, so a student can
 * decrypt a captured session and test vectors can show intermediate values.
 *
 * <p><b>Security.</b> Anyone who sees these values can read and forge the whole session. The
 * default is {@link #NONE}; nothing in Parley enables a log unless a test or a deliberate
 * teaching tool asks for it, and the name says so wherever it is used.
 */
@FunctionalInterface
public interface InsecureSecretLog {

    /** Logs nothing; the default everywhere. */
    InsecureSecretLog NONE = (label, secret) -> { };

    /**
     * Called with a label such as {@code c hs traffic} and a secret the callee may copy; the
     * secret is wiped by the key schedule afterwards.
     */
    void log(String label, SecretBytes secret);
}
