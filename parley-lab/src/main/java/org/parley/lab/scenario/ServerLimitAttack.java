package org.parley.lab.scenario;

import java.time.Duration;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
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

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (RawPeer attacker = RawPeer.connect(target.server())) {
            Bytes sent = slowLoris ? Bytes.fromHex("1600") : Bytes.fromHex("17ffff");
            attacker.write(sent);
            trace.add(Actor.ATTACKER, slowLoris ? "attacker.slowloris" : "attacker.oversized", sent.toHex());
            long start = System.nanoTime();
            RawPeer.ServerReply reply = attacker.readUntilClosed(Duration.ofSeconds(30));
            long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
            Optional<Alert> alert = reply.frames().stream()
                    .filter(f -> f.length() == 4 && (f.get(0) & 0xff) == 0x15)
                    .findFirst().flatMap(f -> Alert.fromCode(f.get(3) & 0xff));
            trace.add(Actor.SERVER, "server.limit", reply.closed(), millis, alert.map(ObservedFailure::label).orElse("-"));
            if (!reply.closed()) {
                return Outcome.succeeded();
            }
            return slowLoris
                    ? Outcome.defeated(new Check("closed-at-deadline", "15; OPERATIONS.md limits",
                            "ServerPipeline (handshake timeout)"))
                    : Outcome.defeated(new Check(alert.map(ObservedFailure::label).orElse("closed"), "3.2, 15",
                            "FrameDecoder"));
        }
    }
}
