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
            if (!slowLoris) {
                return oversizedVerdict(target, mark, alert);
            }
            Optional<Boolean> audited = Optional.empty();
            if (target.audit().isPresent()) {
                String remote = attacker.localAddress();
                audited = Optional.of(target.audit().get().await(mark, "handshake_timeout",
                        e -> e.remote().equals(Optional.of(remote)), AttackRun.AUDIT_WAIT).isPresent());
                trace.add(Actor.SERVER, audited.get() ? "server.handshaketimeout" : "server.nohandshaketimeout", remote);
            }
            return slowLorisVerdict(earliestDeadline(target), took, alert, audited);
        }
    }

    /**
     * Defeated only by the handshake deadline, which sends no alert: on the lab's own server, its
     * {@code handshake_timeout} audit event for the attacker's connection ({@code audited}); with
     * {@code --server} (no audit log, {@code audited} empty), a close no sooner than the deadline. A
     * close with an alert (a refusal, for example of the handshake rate), without the event, or long
     * before the deadline is another reason.
     */
    static Outcome slowLorisVerdict(Duration earliest, Duration took, Optional<Alert> alert, Optional<Boolean> audited)
            throws NotCaughtByTheCheckException {
        if (audited.isPresent()) {
            if (alert.isPresent() || !audited.get()) {
                throw new NotCaughtByTheCheckException("a close without an alert and the server's handshake_timeout audit"
                        + " event for this connection", "a close after " + took.toMillis() + " ms with alert "
                        + alert.map(ObservedFailure::label).orElse("-") + (audited.get() ? ", the event" : ", no such event"));
            }
        } else if (alert.isPresent() || took.compareTo(earliest) < 0) {
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
