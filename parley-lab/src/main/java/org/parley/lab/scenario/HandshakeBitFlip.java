package org.parley.lab.scenario;

import java.util.Optional;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.TapAction;
import org.parley.protocol.alert.Alert;

/**
 * Flips one bit of one handshake message on its way. The plaintext hellos are hashed into the
 * transcript, which feeds the key schedule and the server's signature; the encrypted messages are
 * AEAD records. Either way the handshake must fail.
 */
public final class HandshakeBitFlip extends ParleyOnlyScenario {
    private final HandshakeMessage message;

    HandshakeBitFlip(HandshakeMessage message) {
        super("bitflip-" + message.label());
        this.message = message;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        FrameTap tap = (link, direction, index, frame) -> {
            if (link.id() != 1 || direction != message.direction() || index != message.index()) {
                return TapAction.FORWARD;
            }
            int offset = message.plaintext()
                    ? (message == HandshakeMessage.CLIENT_HELLO ? FrameEdits.CLIENT_HELLO_RANDOM : FrameEdits.BODY + 2) + 5
                    : 3 + (frame.length() - 3) / 2;
            Bytes flipped = FrameEdits.flipBit(frame, offset, 3);
            trace.add(Actor.ATTACKER, "attacker.flip", 3, offset, message.label(), direction.arrow(), frame.length());
            link.send(direction, flipped);
            return TapAction.DROP;
        };
        try (AttackRun run = AttackRun.start(target, trace, tap)) {
            Optional<ObservedFailure> client = run.attempt("@what.handshake-login", () -> {
                try (ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
                    LabTarget.await(victim.ping());
                }
            });
            Optional<String> server = run.serverAlert(client, Alert.BAD_RECORD, message.enforcer());
            return run.tamperVerdict(client, server, Alert.BAD_RECORD, message.enforcer(), message.section(),
                    message.enforcer());
        }
    }
}
