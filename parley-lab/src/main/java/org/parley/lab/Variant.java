package org.parley.lab;

import java.util.Locale;
import java.util.Optional;

/**
 * What the attack is run against: real Parley, or one of the deliberately broken variants that
 * live only in this module ({@code org.parley.lab.insecure}). None of them is a suite component or
 * wire code; the real server and clients cannot negotiate any of them.
 */
public enum Variant {
    /** The real server and client library, unchanged. */
    PARLEY,
    /** Records encrypted with AES-256-CTR and no MAC. */
    INSECURE_NO_MAC,
    /** A Java replica of the Python original: hard-coded 3DES key, unauthenticated textbook RSA, bare MD5. */
    INSECURE_PYTHON_ORIGINAL,
    /** Session keys sent under the server's long-term RSA key (no forward secrecy). */
    INSECURE_STATIC_KEY,
    /** A password challenge-response whose proof is not bound to the connection. */
    INSECURE_NO_BINDING,
    /** The handshake without the server's signature over the transcript. */
    INSECURE_NO_SIGNATURE,
    /** Keys derived from the shared secret alone: the offer and the choice are not in the transcript. */
    INSECURE_NO_DOWNGRADE_PROTECTION,
    /** An end-to-end client that accepts every device or identity change of a verified contact without asking. */
    INSECURE_TOFU_CLIENT,
    /**
     * A client that, when the answer to a room message was lost, posts it again after reconnecting
     * as a plain SendRoomMessage with no send id, as a user retyping it would.
     */
    INSECURE_RETRY_CLIENT,
    /**
     * A server that remembers send ids in memory only, as Parley's did before 2026-12-07: the real
     * server with a message store that writes no send id and finds none when it starts again.
     */
    INSECURE_FORGETFUL_SERVER;

    /** The command-line name, for example {@code insecure-no-mac}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The variant named {@code label} on the command line. */
    public static Optional<Variant> fromLabel(String label) {
        for (Variant v : values()) {
            if (v.label().equalsIgnoreCase(label)) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }
}
