package org.parley.lab.scenario;

import java.util.Optional;
import java.util.Set;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.insecure.InsecureUnprotectedNegotiation;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.TapAction;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.KeyExchangeComponent;

/**
 * Downgrade: the attacker either strips the strongest key exchange (the post-quantum hybrid) from
 * the client's offer, or rewrites the server's choice to a weaker cipher the client also offered.
 * Both hellos are plaintext but are hashed into the transcript, which feeds the handshake keys and
 * the server's signature (PROTOCOL.md 8), so both sides end up with different keys.
 */
public final class Downgrade implements Scenario {
    private final boolean inOffer;

    Downgrade(boolean inOffer) {
        this.inOffer = inOffer;
    }

    @Override
    public String name() {
        return inOffer ? "downgrade-offer" : "downgrade-answer";
    }

    @Override
    public Set<Variant> variants() {
        return inOffer ? Set.of(Variant.PARLEY, Variant.INSECURE_NO_DOWNGRADE_PROTECTION) : Set.of(Variant.PARLEY);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_NO_DOWNGRADE_PROTECTION) {
            return InsecureUnprotectedNegotiation.stripOffer(trace);
        }
        int hybrid = KeyExchangeComponent.X25519_MLKEM768.code();
        FrameTap tap = (link, direction, index, frame) -> {
            if (link.id() != 1 || index != 0) {
                return TapAction.FORWARD;
            }
            if (inOffer && direction == Direction.CLIENT_TO_SERVER) {
                Bytes stripped = FrameEdits.withoutKeyExchange(frame, hybrid);
                trace.add(Actor.ATTACKER, "attacker.strip", KeyExchangeComponent.X25519_MLKEM768.label(),
                        frame.length(), stripped.length());
                link.toServer(stripped);
                return TapAction.DROP;
            }
            if (!inOffer && direction == Direction.SERVER_TO_CLIENT) {
                int at = FrameEdits.SERVER_HELLO_CODES + 4;
                int chosen = FrameEdits.u16(frame, at);
                int weaker = CipherComponent.AES_128_GCM.code();
                trace.add(Actor.ATTACKER, "attacker.rewrite", String.format("0x%04x", chosen), String.format("0x%04x", weaker));
                link.toClient(FrameEdits.putU16(frame, at, weaker));
                return TapAction.DROP;
            }
            return TapAction.FORWARD;
        };
        try (AttackRun run = AttackRun.start(target, trace, tap)) {
            Optional<ObservedFailure> client = run.attempt("@what.handshake-login", () -> {
                try (ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
                    trace.add(Actor.CLIENT, "client.suite", victim.session().suite().canonicalName());
                }
            });
            Optional<String> server = run.serverAlert(client, Alert.BAD_RECORD, "RecordReader");
            return run.tamperVerdict(client, server, Alert.BAD_RECORD, "RecordReader", "4.3, 8, 9.2", "RecordReader");
        }
    }
}
