package org.parley.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.client.e2ee.DeviceNoticeKind;
import org.parley.client.e2ee.E2eEvent;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.E2eParty;

/**
 * A malicious server adds a ghost device to bob's device list, one bob never added, whose keys the
 * operator holds (the attacker is the server's operator, not the network). Every sender encrypts
 * to every listed device, so the ghost would get a copy of each message. Parley cannot prevent the
 * listing, but it makes it visible: the safety number changes, alice's client shows the new device
 * and, because alice verified bob, stops sending until she accepts. The {@code insecure-tofu-client}
 * accepts without asking, and the operator reads the message.
 */
public final class GhostDevice implements Scenario {

    @Override
    public String name() {
        return "e2e-ghost-device";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_TOFU_CLIENT);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, trace)) {
            E2eParty alice = cast.aliceDevice();
            if (cast.send("@what.e2e-first", PrekeySubstitution.FIRST, variant).failure().isPresent()) {
                throw new IllegalStateException("alice could not reach bob's real device");
            }
            cast.bobReceives(PrekeySubstitution.FIRST);
            cast.verifyBob();
            SafetyNumber before = alice.await(alice.session().safetyNumber(cast.bob()));
            long ghost = cast.operator().addGhostDevice(cast.bob(), cast.operatorAccount(), cast.operatorDevice());
            trace.add(Actor.ATTACKER, "attacker.e2e.ghost", cast.bob(), ghost);
            int mark = alice.events().size();
            SafetyNumber after = alice.await(alice.session().safetyNumber(cast.bob()));
            boolean changed = !before.digits().equals(after.digits());
            trace.add(Actor.CLIENT, changed ? "client.e2e.safety-changed" : "client.e2e.safety-same",
                    before.grouped(), after.grouped());
            List<E2eEvent> notices = new ArrayList<>(cast.shownToAlice(mark));
            E2eCast.Attempt secret = cast.send("@what.e2e-secret", E2eCast.SECRET, variant);
            notices.addAll(secret.shown());
            boolean read = cast.operatorReads(ghost);
            return verdict(read, changed, notices, secret.failure(), ghost);
        }
    }

    /**
     * Succeeded only if the operator read the secret with the ghost. Defeated only when the safety
     * number changed, the ghost was shown as added, and sending to the verified contact was blocked
     * ({@code UnacceptedChangesException}). A secret that left without the operator reading it shows
     * neither; a client that failed otherwise, or a change not shown, did not meet the check.
     */
    static Outcome verdict(boolean read, boolean changed, List<E2eEvent> notices, Optional<String> sending, long ghost)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (read) {
            return Outcome.succeeded();
        }
        boolean shown = notices.stream().anyMatch(e -> e instanceof E2eEvent.DeviceNotice n
                && n.deviceId() == ghost && n.kind() == DeviceNoticeKind.ADDED);
        boolean blocks = notices.stream().anyMatch(e -> e instanceof E2eEvent.DeviceNotice n
                && n.deviceId() == ghost && n.kind() == DeviceNoticeKind.ADDED && n.blocksSending());
        boolean blocked = sending.equals(Optional.of("UnacceptedChangesException"));
        if (changed && blocks && blocked) {
            return Outcome.defeated(new Check("e2e-ghost-blocked", "14.8; E2EE.md 13, 15", "Directory"));
        }
        String seen = "safety number changed: " + changed + "; device " + ghost + " shown as added: " + shown
                + ", blocking sending: " + blocks + "; the secret " + sending.map(f -> "failed with " + f).orElse("left")
                + "; the operator did not read the secret";
        if (sending.isEmpty()) {
            throw new NotShownToSucceedException("the operator reading the secret with device " + ghost, seen);
        }
        throw new NotCaughtByTheCheckException("the safety number changed, device " + ghost + " shown as added and"
                + " sending blocked (UnacceptedChangesException)", seen);
    }
}
