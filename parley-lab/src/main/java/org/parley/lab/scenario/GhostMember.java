package org.parley.lab.scenario;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
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
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.e2e.DeviceInbox;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.e2e.MaliciousOperator;
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

            List<List<RoomError>> refused = new ArrayList<>();
            for (E2eParty party : List.of(alice, bob)) {
                List<RoomError> errors = party.roomProblems().stream().map(p -> p.error()).distinct().toList();
                trace.add(Actor.CLIENT, "client.e2e.room-problem", party == alice ? cast.alice() : cast.bob(),
                        errors.isEmpty() ? "-" : errors.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
                refused.add(errors);
            }
            List<String> members = alice.await(alice.session().roomMembership(room)).devices().keySet().stream()
                    .map(DeviceRef::user).distinct().toList();
            int keys = roomKeys(room, cast.operator().queued(cast.operatorAccount(), cast.operatorDevice()),
                    DeviceInbox.read(cast.operatorDirectory()));
            trace.add(Actor.CLIENT, "client.e2e.room-members", cast.alice(), members, keys);
            return verdict(refused.get(0), refused.get(1), members.contains(cast.operatorAccount()), keys, carriesOn);
        }
    }

    /**
     * Succeeded only if the ghost got something: it is among the members alice's client knows, or a
     * room key reached the operator's device ({@code keys}, from {@link #roomKeys}). Defeated only if both clients refused the served log
     * with {@code log_forbidden} and alice and bob still read each other. A client that showed no
     * problem, or a room that stopped working, with nothing for the ghost, is not the attack
     * succeeding; a log refused for another reason is not the check.
     */
    static Outcome verdict(List<RoomError> alice, List<RoomError> bob, boolean ghostAmongMembers, int keys,
            boolean carriesOn) throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (ghostAmongMembers || keys > 0) {
            return Outcome.succeeded();
        }
        String seen = "alice's client showed " + label(alice) + ", bob's " + label(bob) + "; alice and bob "
                + (carriesOn ? "still read each other" : "no longer read each other")
                + "; the ghost is not a member and got no key";
        if (alice.isEmpty() || bob.isEmpty() || !carriesOn) {
            throw new NotShownToSucceedException("the ghost among the members or a room key for the operator", seen);
        }
        if (!alice.contains(RoomError.LOG_FORBIDDEN) || !bob.contains(RoomError.LOG_FORBIDDEN)) {
            throw new NotCaughtByTheCheckException("the served log refused with log_forbidden by both clients", seen);
        }
        return Outcome.defeated(new Check("log_forbidden", "14.9; E2EE.md 19.3, 19.4", "VerifiedLog"));
    }

    /**
     * The room keys for {@code room} among what the server queued for the operator's device, opened
     * with that device's own keys: only a sender-key distribution for that room counts, not a private
     * message, a placeholder, another room's key or an envelope the device cannot open.
     */
    static int roomKeys(String room, List<MaliciousOperator.Queued> queued, DeviceInbox operatorDevice) {
        return (int) operatorDevice.open(queued).stream()
                .filter(opened -> opened instanceof DeviceInbox.Opened.RoomKey key && key.room().equals(room))
                .count();
    }

    private static String label(List<RoomError> errors) {
        return errors.isEmpty() ? "no problem" : errors.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList().toString();
    }

    /** Alice and bob each send one message; true if each then read the other's. */
    private static boolean chat(E2eParty alice, E2eParty bob, String room, String label) throws Exception {
        alice.await(alice.session().sendRoom(room, label + " from alice"));
        bob.await(bob.session().sendRoom(room, label + " from bob"));
        return E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomTexts().contains(label + " from alice")
                && alice.roomTexts().contains(label + " from bob"));
    }
}
