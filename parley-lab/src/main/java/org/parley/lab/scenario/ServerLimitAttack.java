package org.parley.lab.scenario;

import java.time.Duration;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.ServerAudit.AuditEvent;
import org.parley.lab.Variant;
import org.parley.lab.net.RawPeer;
import org.parley.protocol.alert.Alert;

/**
 * Attacks on the server's resources, straight over TCP: slow-loris (two bytes of a frame header,
 * then silence, to hold a connection open for ever) and an oversized frame (a header declaring
 * 65,535 bytes, more than the 16,896 allowed, to make the server allocate and wait).
 */
public final class ServerLimitAttack extends ParleyOnlyScenario {
    private final boolean slowLoris;

    ServerLimitAttack(boolean slowLoris) {
        super(slowLoris ? "slow-loris" : "oversized-frame");
        this.slowLoris = slowLoris;
    }

    /**
     * The earliest a close can be the handshake deadline: the lab server's deadline, or for a server
     * the lab did not start one second (its {@code limits.handshake-timeout-seconds} is a whole,
     * positive number of seconds). The lab's clock starts before it connects, so the server's starts
     * later; the margin only absorbs the granularity of the two timers.
     */
    static Duration earliestDeadline(LabTarget target) {
        return target.handshakeDeadline().orElse(Duration.ofSeconds(1)).minus(DEADLINE_MARGIN);
    }

    static final Duration DEADLINE_MARGIN = Duration.ofMillis(250);

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        long mark = target.audit().isPresent() ? target.audit().get().mark() : 0;
        long start = System.nanoTime();
        try (RawPeer attacker = RawPeer.connect(target.server())) {
            Bytes sent = slowLoris ? Bytes.fromHex("1600") : Bytes.fromHex("17ffff");
            attacker.write(sent);
            trace.add(Actor.ATTACKER, slowLoris ? "attacker.slowloris" : "attacker.oversized", sent.toHex());
            RawPeer.ServerReply reply = attacker.readUntilClosed(Duration.ofSeconds(30));
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            Optional<Alert> alert = reply.frames().stream()
                    .filter(f -> f.length() == 4 && (f.get(0) & 0xff) == 0x15)
                    .findFirst().flatMap(f -> Alert.fromCode(f.get(3) & 0xff));
            trace.add(Actor.SERVER, "server.limit", reply.closed(), took.toMillis(),
                    alert.map(ObservedFailure::label).orElse("-"));
            if (!reply.closed()) {
                return Outcome.succeeded();
            }
            return slowLoris ? slowLorisVerdict(target, took, alert) : oversizedVerdict(target, mark, alert);
        }
    }

    /**
     * Defeated only by the handshake deadline: a close with no alert (the deadline sends none and
     * writes no audit event) no sooner than the deadline. A close with an alert (a refusal, for
     * example of the handshake rate) or long before the deadline is another reason.
     */
    static Outcome slowLorisVerdict(LabTarget target, Duration took, Optional<Alert> alert)
            throws NotCaughtByTheCheckException {
        Duration earliest = earliestDeadline(target);
        if (alert.isPresent() || took.compareTo(earliest) < 0) {
            throw new NotCaughtByTheCheckException("a close without an alert at the handshake deadline (not before "
                    + earliest.toMillis() + " ms)", "a close after " + took.toMillis() + " ms with alert "
                    + alert.map(ObservedFailure::label).orElse("-"));
        }
        return Outcome.defeated(new Check("closed-at-deadline", "15; OPERATIONS.md limits",
                "ServerPipeline (handshake timeout)"));
    }

    /** Defeated only by record_overflow(22): the alert frame the server sent, or its audit event. */
    private static Outcome oversizedVerdict(LabTarget target, long mark, Optional<Alert> alert) throws Exception {
        boolean audited = !alert.equals(Optional.of(Alert.RECORD_OVERFLOW)) && target.audit().isPresent()
                && target.audit().get().await(mark, "protocol_error", AttackRun.AUDIT_WAIT)
                        .flatMap(AuditEvent::alert).equals(Optional.of(Alert.RECORD_OVERFLOW.name()));
        if (!alert.equals(Optional.of(Alert.RECORD_OVERFLOW)) && !audited) {
            throw new NotCaughtByTheCheckException("record_overflow(22) sent by the server in a plaintext alert frame"
                    + " (or in its audit log)", "a close with alert " + alert.map(ObservedFailure::label).orElse("-")
                    + " and no record_overflow(22) audited");
        }
        return Outcome.defeated(new Check(ObservedFailure.label(Alert.RECORD_OVERFLOW), "3.2, 15", "FrameDecoder"));
    }
}
