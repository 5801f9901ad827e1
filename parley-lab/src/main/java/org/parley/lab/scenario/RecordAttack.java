package org.parley.lab.scenario;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.parley.client.ParleyClient;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.insecure.InsecureNoMacRecords;
import org.parley.protocol.alert.Alert;

/**
 * An attack on the records of an established, logged-in session: the victim sends two private
 * messages (to itself) and the attacker flips, replays, reorders, drops or reflects records, or
 * drops a KeyUpdate. Parley's records are authenticated under implicit sequence numbers with one
 * key per direction, so each must end the connection with {@code bad_record(20)}.
 */
public final class RecordAttack implements Scenario {
    static final String FIRST = "first message";
    static final String SECOND = "second message";

    private final RecordAttackKind kind;

    RecordAttack(RecordAttackKind kind) {
        this.kind = kind;
    }

    @Override
    public String name() {
        return kind.label();
    }

    @Override
    public Set<Variant> variants() {
        return kind == RecordAttackKind.FLIP ? Set.of(Variant.PARLEY, Variant.INSECURE_NO_MAC) : Set.of(Variant.PARLEY);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_NO_MAC) {
            return InsecureNoMacRecords.bitFlip(trace);
        }
        RecordTap tap = new RecordTap(kind, trace);
        try (AttackRun run = AttackRun.start(target, trace, tap);
                ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
            trace.add(Actor.CLIENT, "client.loggedin", target.user(), victim.session().suite().canonicalName());
            // Private messages are end to end only (issue 8): the lab's application data is a room message.
            LabTarget.await(victim.join("lobby"));
            tap.arm();
            Optional<ObservedFailure> client = run.attempt("@what.send-two", () -> {
                if (kind == RecordAttackKind.KEY_UPDATE_DESYNC) {
                    trace.add(Actor.CLIENT, "client.keyupdate");
                    LabTarget.await(victim.updateKeys());
                }
                CompletableFuture<Long> first = victim.sendRoom("lobby", FIRST);
                CompletableFuture<Long> second = victim.sendRoom("lobby", SECOND);
                LabTarget.await(first);
                LabTarget.await(second);
            });
            Optional<String> server = run.serverAlert(client, Alert.BAD_RECORD, kind.enforcer());
            return run.tamperVerdict(client, server, Alert.BAD_RECORD, kind.enforcer(), kind.section(), kind.enforcer());
        }
    }
}
