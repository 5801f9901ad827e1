package org.parley.lab.scenario;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.e2e.MaliciousRoomLogs;

/**
 * A malicious server inserts a member into an encrypted room's membership log (the attacker is the
 * server's operator, not the network): after the true log it serves a {@code join} entry of a
 * device of its own. The log is the membership (E2EE.md 19): every entry must be signed by a device
 * the log already admits and allowed by its rules, and a private room's join needs an invitation
 * signed in the log. The clients refuse the served log, show the problem, keep their verified log,
 * and distribute the room's keys by it only, so the ghost gets nothing and the room carries on.
 */
public final class GhostMember extends ParleyOnlyScenario {
    public GhostMember() {
        super("e2e-ghost-member");
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        MaliciousRoomLogs logs = target.roomLogs().orElseThrow(() -> new IllegalStateException(
                "this scenario needs the lab's own server: a malicious operator serves its room logs (no --server)"));
        try (E2eCast cast = E2eCast.assemble(target, trace); E2eParty bob = cast.loginBob()) {
            E2eParty alice = cast.aliceDevice();
            String room = "den" + cast.bob().substring(cast.bob().indexOf('_') + 1);
            alice.await(alice.session().createEncryptedRoom(room, RoomVisibility.PRIVATE));
            alice.await(alice.session().invite(room, cast.bob()));
            bob.await(bob.session().join(room));
            trace.add(Actor.LAB, "lab.e2e.room", room, cast.alice(), cast.bob());
            chat(alice, bob, room, "before");

            DeviceKeys ghost = DeviceKeys.generate(new SecureRandom());
            VerifiedLog truth = VerifiedLog.verify(logs.trueLog(room.toLowerCase(Locale.ROOT)));
            Bytes entry = truth.next(ghost, new DeviceRef(cast.operatorAccount(), cast.operatorDevice()), Instant.now(),
                    new LogBody.Join(ghost.identity().encoded())).encoded();
            logs.plant(room.toLowerCase(Locale.ROOT), Optional.of(entry));
            trace.add(Actor.ATTACKER, "attacker.e2e.ghost-member", room, cast.operatorAccount(), truth.size());
            boolean carriesOn = chat(alice, bob, room, "after");
            logs.plant(room.toLowerCase(Locale.ROOT), Optional.empty());

            boolean refusedByBoth = true;
            for (E2eParty party : List.of(alice, bob)) {
                List<RoomError> errors = party.roomProblems().stream().map(p -> p.error()).distinct().toList();
                trace.add(Actor.CLIENT, "client.e2e.room-problem", party == alice ? cast.alice() : cast.bob(),
                        errors.isEmpty() ? "-" : errors.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
                refusedByBoth &= !errors.isEmpty();
            }
            List<String> members = alice.await(alice.session().roomMembership(room)).devices().keySet().stream()
                    .map(DeviceRef::user).distinct().toList();
            int keys = cast.operator().queued(cast.operatorAccount(), cast.operatorDevice()).size();
            trace.add(Actor.CLIENT, "client.e2e.room-members", cast.alice(), members, keys);
            if (!refusedByBoth || members.contains(cast.operatorAccount()) || keys > 0 || !carriesOn) {
                return Outcome.succeeded();
            }
            return Outcome.defeated(new Check("log_forbidden", "14.9; E2EE.md 19.3, 19.4", "VerifiedLog"));
        }
    }

    /** Alice and bob each send one message; true if each then read the other's. */
    private static boolean chat(E2eParty alice, E2eParty bob, String room, String label) throws Exception {
        alice.await(alice.session().sendRoom(room, label + " from alice"));
        bob.await(bob.session().sendRoom(room, label + " from bob"));
        return E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomTexts().contains(label + " from alice")
                && alice.roomTexts().contains(label + " from bob"));
    }
}
