package org.parley.lab.scenario;

import java.util.List;
import java.util.Locale;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.e2ee.E2eeError;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
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
                E2eParty.require(LabTarget.STEP_TIMEOUT, () -> bob.received().contains(ONCE),
                        cast.bob() + " receiving \"" + ONCE + "\"");
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
                return verdict(shownAgain, inHistory, failures.stream().map(E2eEvent.DecryptFailure::error).toList(), carriesOn);
            }
        }
    }

    /**
     * Succeeded only if bob was shown the copy as a message: again after the replay, or twice in his
     * history. Defeated only if every envelope bob could not open failed with {@code duplicate_message}
     * (at least one: the copy), his history holds the message once, and alice's next message arrived.
     * A conversation that stopped working, with the copy shown nowhere, is not the replay succeeding.
     */
    static Outcome verdict(boolean shownAgain, long inHistory, List<E2eeError> failures, boolean carriesOn)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (shownAgain || inHistory > 1) {
            return Outcome.succeeded();
        }
        String seen = "the copy " + (failures.isEmpty() ? "failed with nothing"
                : "failed with " + failures.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList())
                + "; the message " + inHistory + " time(s) in the history; alice's next message "
                + (carriesOn ? "arrived" : "did not arrive");
        if (!carriesOn) {
            throw new NotShownToSucceedException("the copy shown to bob as a message", seen);
        }
        if (inHistory != 1 || failures.isEmpty() || failures.stream().anyMatch(e -> e != E2eeError.DUPLICATE_MESSAGE)) {
            throw new NotCaughtByTheCheckException("the copy failing with duplicate_message (and nothing else), the"
                    + " message once in the history, alice's next message arriving", seen);
        }
        return Outcome.defeated(new Check("duplicate_message", "14.8; E2EE.md 8.5, 11, 12", "Session, Receiver"));
    }

    private static long count(List<String> received) {
        return received.stream().filter(ONCE::equals).count();
    }
}
