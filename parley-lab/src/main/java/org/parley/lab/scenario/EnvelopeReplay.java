package org.parley.lab.scenario;

import java.util.List;
import java.util.Locale;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.e2e.MaliciousOperator;

/**
 * A malicious server re-delivers an envelope bob already received and acknowledged (the attacker is
 * the server's operator, not the network): "transfer 100 yuan" shown twice is an attack even if
 * nothing is decrypted by the attacker. The message key was deleted after its first use, so the
 * copy is refused as a duplicate, shown as a failure rather than as a message, acknowledged so it
 * cannot block the queue, and the session carries on.
 */
public final class EnvelopeReplay extends ParleyOnlyScenario {
    static final String ONCE = "transfer 100 yuan to alice";
    static final String AFTER = "did it arrive?";

    public EnvelopeReplay() {
        super("e2e-envelope-replay");
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, trace)) {
            MaliciousOperator operator = cast.operator();
            if (cast.send("@what.e2e-once", ONCE, variant).failure().isPresent()) {
                throw new IllegalStateException("alice could not reach bob's device");
            }
            MaliciousOperator.Queued copy = operator.queued(cast.bob(), cast.bobDevice()).getFirst();
            trace.add(Actor.ATTACKER, "attacker.e2e.copied", copy.envelope().length);
            try (E2eParty bob = cast.loginBob()) {
                E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.received().contains(ONCE));
                cast.awaitBobAcknowledged();
                trace.add(Actor.CLIENT, "client.e2e.received", cast.bob(), count(bob.received()));
            }
            operator.requeue(cast.bob(), cast.bobDevice(), copy);
            trace.add(Actor.ATTACKER, "attacker.e2e.replayed", cast.bob(), cast.bobDevice());
            try (E2eParty bob = cast.loginBob()) {
                cast.awaitBobAcknowledged();
                List<E2eEvent.DecryptFailure> failures = bob.events().stream()
                        .filter(e -> e instanceof E2eEvent.DecryptFailure).map(e -> (E2eEvent.DecryptFailure) e).toList();
                failures.forEach(f -> trace.add(Actor.CLIENT, "client.e2e.decrypt-failure", cast.bob(), f.fromUser(),
                        f.error().name().toLowerCase(Locale.ROOT)));
                boolean shownAgain = count(bob.received()) > 0;
                cast.send("@what.e2e-after", AFTER, variant);
                boolean carriesOn = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.received().contains(AFTER));
                long inHistory = bob.history(cast.alice()).stream().map(E2eMessage::text).filter(ONCE::equals).count();
                trace.add(Actor.CLIENT, "client.e2e.history", cast.bob(), inHistory, "@answer." + carriesOn);
                if (shownAgain || inHistory != 1 || !carriesOn) {
                    return Outcome.succeeded();
                }
                String observed = failures.isEmpty() ? "e2e-duplicate-dropped"
                        : failures.getFirst().error().name().toLowerCase(Locale.ROOT);
                return Outcome.defeated(new Check(observed, "14.8; E2EE.md 8.5, 11, 12", "Session, Receiver"));
            }
        }
    }

    private static long count(List<String> received) {
        return received.stream().filter(ONCE::equals).count();
    }
}
