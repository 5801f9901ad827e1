package org.parley.lab.scenario;

import java.util.Optional;
import java.util.Set;
import org.parley.client.ParleyClient;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.insecure.InsecureNoSignatureHandshake;
import org.parley.lab.net.BorrowedPublicKey;
import org.parley.lab.net.ChannelRelay;
import org.parley.protocol.alert.Alert;

/**
 * The impostor presents the real server's public key, so a pinned client's pin matches, and runs
 * the key exchange itself. It cannot sign the transcript with the real private key, and the
 * client's signature check (PROTOCOL.md 5.6) fails with {@code decrypt_error(51)}.
 */
public final class CopiedServerKey implements Scenario {
    @Override
    public String name() {
        return "key-substitution-copied-key";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_NO_SIGNATURE);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_NO_SIGNATURE) {
            return InsecureNoSignatureHandshake.copiedKey(target.keyAlgorithm(), target.publicKey(), trace);
        }
        BorrowedPublicKey borrowed = new BorrowedPublicKey(target.keyAlgorithm().algorithm(), target.publicKey());
        try (ChannelRelay impostor = ChannelRelay.start(target.server(), m -> m, target.keyAlgorithm(), borrowed, target.keyLog())) {
            trace.add(Actor.ATTACKER, "attacker.copiedkey", impostor.fingerprint());
            trace.add(Actor.CLIENT, "client.pinned", target.fingerprint());
            Optional<ObservedFailure> failure;
            try (ParleyClient victim = target.connectPinned(impostor.address(), Quiet.LISTENER)) {
                trace.add(Actor.CLIENT, "client.fooled", victim.session().serverFingerprint());
                return Outcome.succeeded();
            } catch (Exception e) {
                failure = Optional.of(ObservedFailure.of(e));
            }
            ObservedFailure f = failure.get();
            if (f.alert().isEmpty()) {
                trace.add(Actor.CLIENT, "client.failed", "@what.handshake", f.kind());
            } else {
                trace.add(Actor.CLIENT, f.sentByPeer() ? "client.told" : "client.rejected", "@what.handshake",
                        f.alertLabel(), f.thrownBy());
            }
            // Only the signature check is this catch: a relay that cannot reach the server, or a timeout, is not.
            if (!AttackRun.raised(failure, Alert.DECRYPT_ERROR, "ClientHandshake")) {
                throw new NotCaughtByTheCheckException("decrypt_error(51) raised by the client in ClientHandshake",
                        "the client " + f.alertLabel() + " " + (f.sentByPeer() ? "sent by the peer" : f.thrownBy())
                                + " (" + f.kind() + ")");
            }
            return Outcome.defeated(new Check(f.alertLabel(), "5.6, 7", "ClientHandshake"));
        }
    }
}
