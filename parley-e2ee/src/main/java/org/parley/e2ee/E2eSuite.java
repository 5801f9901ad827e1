package org.parley.e2ee;

import java.util.Collection;
import java.util.Optional;

/**
 * The end-to-end suites, weakest first; the code is the wire value (docs/E2EE.md, "Suites").
 *
 * <p><b>Downgrade rule.</b> A session always uses the strongest suite that both devices' signed
 * identities list ({@link #negotiate}); the initiator has no other choice and the responder refuses
 * a session start in any other suite with {@link E2eeError#DOWNGRADE}. A device restricts itself to
 * weaker suites only by listing fewer suites in its own signed identity.
 */
public enum E2eSuite {
    /** X25519 session start and ratchet: the classic Signal design. */
    CLASSIC(1, "classic", false, false),
    /** Hybrid X25519 + ML-KEM-768 session start, X25519 ratchet. */
    PQ_START(2, "pq-start", true, false),
    /** Hybrid session start and periodic ML-KEM-768 ratchet steps. The default. */
    PQ_RATCHET(3, "pq-ratchet", true, true);

    /** The suite a new device lists and prefers. */
    public static final E2eSuite DEFAULT = PQ_RATCHET;

    private final int code;
    private final String label;
    private final boolean postQuantumStart;
    private final boolean postQuantumRatchet;

    E2eSuite(int code, String label, boolean postQuantumStart, boolean postQuantumRatchet) {
        this.code = code;
        this.label = label;
        this.postQuantumStart = postQuantumStart;
        this.postQuantumRatchet = postQuantumRatchet;
    }

    public int code() {
        return code;
    }

    /** The name users see and type ({@code parley suites}). */
    public String label() {
        return label;
    }

    public boolean postQuantumStart() {
        return postQuantumStart;
    }

    public boolean postQuantumRatchet() {
        return postQuantumRatchet;
    }

    /** Security labels for listing: bits, post-quantum protection, forward secrecy, healing. */
    public SuiteLabels labels() {
        return new SuiteLabels(128, postQuantumStart ? "ML-KEM-768 (NIST category 3)" : "none",
                true, postQuantumRatchet ? "classical and post-quantum" : "classical only");
    }

    public static Optional<E2eSuite> fromCode(int code) {
        for (E2eSuite suite : values()) {
            if (suite.code == code) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    public static Optional<E2eSuite> fromLabel(String label) {
        for (E2eSuite suite : values()) {
            if (suite.label.equals(label)) {
                return Optional.of(suite);
            }
        }
        return Optional.empty();
    }

    /** The strongest suite in both lists, or empty when they share none. */
    public static Optional<E2eSuite> negotiate(Collection<E2eSuite> ours, Collection<E2eSuite> theirs) {
        E2eSuite best = null;
        for (E2eSuite suite : ours) {
            if (theirs.contains(suite) && (best == null || suite.code > best.code)) {
                best = suite;
            }
        }
        return Optional.ofNullable(best);
    }

    /**
     * What {@code parley suites} prints for an end-to-end suite.
     *
     * @param classicalBits security level against a classical attacker
     * @param postQuantum the post-quantum algorithm protecting the session start, or "none"
     * @param forwardSecrecy whether old messages stay safe after a device state is stolen
     * @param postCompromise against which attacker the ratchet heals after a state theft
     */
    public record SuiteLabels(int classicalBits, String postQuantum, boolean forwardSecrecy, String postCompromise) {
    }
}
