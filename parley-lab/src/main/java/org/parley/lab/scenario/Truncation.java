package org.parley.lab.scenario;

import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.client.ParleyClient;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.TapAction;
import org.parley.protocol.alert.Alert;

/**
 * Truncation: once the victim is logged in and asks something, the attacker cuts the TCP connection
 * instead of delivering the answer, with no {@code close_notify}. The client must report that the
 * conversation may be incomplete, not that the server said goodbye.
 */
public final class Truncation extends ParleyOnlyScenario {
    public Truncation() {
        super("truncation");
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        // Cut only once the client has sent something since arming (the ping): a server frame that
        // happened to arrive before the ping went out would otherwise close the connection first, and
        // the ping would fail as "not connected" instead of on the truncation it is meant to observe.
        AtomicBoolean pinged = new AtomicBoolean();
        FrameTap tap = (link, direction, index, frame) -> {
            if (armed.get() && direction == Direction.CLIENT_TO_SERVER) {
                pinged.set(true);
            }
            if (pinged.get() && direction == Direction.SERVER_TO_CLIENT) {
                trace.add(Actor.ATTACKER, "attacker.cut", frame.length());
                return TapAction.CUT;
            }
            return TapAction.FORWARD;
        };
        try (AttackRun run = AttackRun.start(target, trace, tap);
                ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
            armed.set(true);
            Optional<ObservedFailure> client = run.attempt("@what.ping", () -> {
                try {
                    LabTarget.await(victim.ping());
                } catch (ExecutionException e) {
                    // The client's own request timeout: no answer, and nothing cut either.
                    throw e.getCause() instanceof TimeoutException timeout ? timeout : e;
                }
            });
            return verdict(client);
        }
    }

    /**
     * Defeated only by the truncation check itself: {@code bad_record(20)} raised by the client's own
     * {@code SecureChannel} when the transport ended without {@code close_notify}. An alert the server
     * sent, another alert or another class, or a ping that timed out (nothing was cut) is not this
     * catch. A client that failed without any alert took the cut for a normal end: the attack succeeded.
     */
    static Outcome verdict(Optional<ObservedFailure> client) throws NotCaughtByTheCheckException {
        if (AttackRun.raised(client, Alert.BAD_RECORD, "SecureChannel")) {
            return Outcome.defeated(new Check(ObservedFailure.label(Alert.BAD_RECORD), "10.8", "SecureChannel"));
        }
        if (client.isPresent() && client.get().alert().isEmpty() && !client.get().kind().equals("TimeoutException")) {
            return Outcome.succeeded();
        }
        throw new NotCaughtByTheCheckException("bad_record(20) raised by the client in SecureChannel",
                "the ping " + client.map(f -> f.alert().isEmpty() ? "failed with " + f.kind() + " and no alert"
                        : f.sentByPeer() ? "was sent " + f.alertLabel() + " by the server"
                        : "raised " + f.alertLabel() + " in " + f.thrownBy()).orElse("was answered although the answer was cut"));
    }
}
