package org.parley.lab.scenario;

import java.util.List;
import java.util.Optional;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.ObservedFailure;
import org.parley.lab.LabTarget;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.RawPeer;
import org.parley.protocol.alert.Alert;

/**
 * Replay of a whole earlier session: the attacker records everything a client sent (handshake, key
 * login, a message) and later plays it to the server on a new connection, hoping to be logged in
 * as that user. The server's fresh random and ephemeral key make new handshake keys, so the old
 * client Finished cannot even be opened.
 */
public final class ReplayHandshake extends ParleyOnlyScenario {
    public ReplayHandshake() {
        super("replay-handshake");
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (AttackRun run = AttackRun.start(target, trace, FrameTap.PASSIVE)) {
            try (ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
                // Private messages are end to end only (issue 8): the lab's application data is a room message.
                LabTarget.await(victim.join("lobby"));
                LabTarget.await(victim.sendRoom("lobby", "recorded"));
            }
            List<CapturedFrame> sent = run.proxy().captured(1, Direction.CLIENT_TO_SERVER);
            List<CapturedFrame> answered = run.proxy().captured(1, Direction.SERVER_TO_CLIENT);
            trace.add(Actor.ATTACKER, "attacker.recorded", sent.size(), answered.size());
            try (RawPeer attacker = RawPeer.connect(target.server())) {
                attacker.write(sent.getFirst().bytes());
                Optional<Bytes> hello = attacker.read(LabTarget.STEP_TIMEOUT);
                if (hello.isEmpty()) {
                    throw new IllegalStateException("the server did not answer the replayed ClientHello");
                }
                Bytes oldRandom = answered.getFirst().bytes().slice(FrameEdits.BODY + 2, FrameEdits.BODY + 34);
                Bytes newRandom = hello.get().slice(FrameEdits.BODY + 2, FrameEdits.BODY + 34);
                trace.add(Actor.SERVER, "server.fresh", FrameEdits.hexPrefix(oldRandom, 8), FrameEdits.hexPrefix(newRandom, 8));
                // The server may close at the first replayed frame it cannot open, before the rest is written.
                int replayed = attacker.writeWhileOpen(sent.subList(1, sent.size()).stream().map(CapturedFrame::bytes).toList());
                trace.add(Actor.ATTACKER, "attacker.replayed", replayed);
                RawPeer.ServerReply reply = attacker.readUntilClosed(LabTarget.STEP_TIMEOUT);
                trace.add(Actor.SERVER, "server.closed", reply.closed(), reply.frames().size());
                if (!reply.closed()) {
                    return Outcome.succeeded();
                }
                // The server writes its audit log on its own thread: wait for the event itself, generously.
                Optional<String> alert = run.serverAlert(AttackRun.AUDIT_WAIT);
                String badRecord = ObservedFailure.label(Alert.BAD_RECORD);
                if (target.audit().isPresent() && !alert.equals(Optional.of(badRecord))) {
                    throw new NotCaughtByTheCheckException(badRecord + " in the server's audit log",
                            "the connection closed with " + alert.orElse("no protocol error") + " in the audit log");
                }
                return Outcome.defeated(new Check(alert.orElse("connection-closed"), "5.2, 5.9, 8, 9.2", "ServerHandshake"));
            }
        }
    }
}
