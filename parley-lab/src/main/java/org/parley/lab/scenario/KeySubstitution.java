package org.parley.lab.scenario;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.parley.client.ParleyClient;
import org.parley.client.ServerNotTrustedException;
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
import org.parley.lab.insecure.InsecurePythonAttacks;
import org.parley.lab.net.FrameTap;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/**
 * Server key substitution: the attacker routes the client to an impostor, a real Parley server with
 * its own key. A client that pinned the real key refuses it; a client meeting the server for the
 * first time that simply accepts is fooled (trust on first use is the weak moment); a first-contact
 * client that compares the fingerprint with one obtained out of band refuses it.
 */
public final class KeySubstitution implements Scenario {
    /** How the victim decides about the key it is shown. */
    enum Victim {
        PINNED("key-substitution-pinned"),
        FIRST_CONTACT("key-substitution-first-contact"),
        FINGERPRINT_CHECKED("key-substitution-fingerprint-checked");

        private final String label;

        Victim(String label) {
            this.label = label;
        }
    }

    private final Victim victim;

    KeySubstitution(Victim victim) {
        this.victim = victim;
    }

    @Override
    public String name() {
        return victim.label;
    }

    @Override
    public Set<Variant> variants() {
        return victim == Victim.PINNED ? Set.of(Variant.PARLEY, Variant.INSECURE_PYTHON_ORIGINAL) : Set.of(Variant.PARLEY);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY && victim != Victim.FIRST_CONTACT ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    private Predicate<Fingerprint> decision(LabTarget target, Trace trace) {
        return switch (victim) {
            case PINNED -> f -> false;
            case FIRST_CONTACT -> f -> acceptBlindly(trace, f);
            case FINGERPRINT_CHECKED -> f -> compare(target, trace, f);
        };
    }

    private static boolean acceptBlindly(Trace trace, Fingerprint shown) {
        trace.add(Actor.CLIENT, "client.tofu.accept", shown);
        return true;
    }

    private static boolean compare(LabTarget target, Trace trace, Fingerprint shown) {
        boolean same = shown.equals(target.fingerprint());
        trace.add(Actor.CLIENT, "client.tofu.compare", shown, same);
        return same;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_PYTHON_ORIGINAL) {
            return InsecurePythonAttacks.keySubstitution(trace);
        }
        try (ParleyServer impostor = ParleyServer.start(ServerSettings.defaults(target.scratch("impostor"))
                .withBind(new InetSocketAddress("127.0.0.1", 0)));
                AttackRun run = AttackRun.start(target, trace, FrameTap.PASSIVE, impostor.address())) {
            Fingerprint fake = impostor.keys().getFirst().fingerprint();
            trace.add(Actor.ATTACKER, "attacker.impostor", fake);
            trace.add(Actor.LAB, "lab.realkey", target.fingerprint());
            Predicate<Fingerprint> decision = decision(target, trace);
            InMemoryPinStore pins = new InMemoryPinStore();
            if (victim == Victim.PINNED) {
                pins.pin(run.via().getHostString() + ":" + run.via().getPort(), target.fingerprint());
                trace.add(Actor.CLIENT, "client.pinned", target.fingerprint());
            }
            Fingerprint[] talkedTo = new Fingerprint[1];
            Optional<ObservedFailure> client = run.attempt("@what.handshake", () -> {
                try (ParleyClient c = target.connect(run.via(), pins, decision, Quiet.LISTENER)) {
                    talkedTo[0] = c.session().serverFingerprint();
                }
            });
            if (client.isEmpty()) {
                boolean fooled = !talkedTo[0].equals(target.fingerprint());
                trace.add(Actor.CLIENT, fooled ? "client.fooled" : "client.real", talkedTo[0]);
                return fooled ? Outcome.succeeded()
                        : Outcome.defeated(new Check("-", "12.2", "TrustOnFirstUse"));
            }
            ObservedFailure f = client.get();
            // Only the documented catch counts: a failure for another reason (the impostor unreachable, a
            // timeout) would otherwise read as "defeated".
            if (victim == Victim.PINNED && AttackRun.raised(client, Alert.UNTRUSTED_SERVER_KEY, "TrustOnFirstUse")) {
                return Outcome.defeated(new Check(f.alertLabel(), "5.5, 12.2", "TrustOnFirstUse"));
            }
            if (victim == Victim.FINGERPRINT_CHECKED && f.kind().equals(ServerNotTrustedException.class.getSimpleName())) {
                return Outcome.defeated(new Check("first-contact-refused", "5.5, 12.2", "FirstContactPause"));
            }
            throw new NotCaughtByTheCheckException(victim == Victim.PINNED
                    ? "untrusted_server_key(42) raised by the client in TrustOnFirstUse"
                    : victim == Victim.FINGERPRINT_CHECKED ? "the user's refusal (ServerNotTrustedException)"
                    : "a connected client", f.alertLabel() + " " + f.thrownBy() + " (" + f.kind() + ")");
        }
    }
}
