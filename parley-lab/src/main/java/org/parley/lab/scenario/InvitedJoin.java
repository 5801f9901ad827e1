package org.parley.lab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.e2ee.group.RoomError;
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
import org.parley.lab.e2e.DeviceFiles;
import org.parley.lab.e2e.DeviceInbox;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.e2e.HeldRoomEnvelopes;
import org.parley.lab.e2e.MaliciousRoomLogs;
import org.parley.lab.insecure.InsecureTofuClient;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A malicious server joins an encrypted room in an invited user's name (the attacker is the
 * server's operator, not the network). After alice invites bob, whom she verified, and before bob
 * joins, the operator logs a device of its own in as bob (it adds a login key to bob's account in
 * its database), so bob's account lists that device, and tries to join the room with it.
 *
 * <p>Parley's client invites with an invitation bound to the signing keys of the invitee's devices
 * it vouches for (E2EE.md 19.2, 19.4: {@code invite_devices}): the ghost's own (honest) client will
 * not sign the join, so the operator signs it with the ghost's keys, which it holds, its server
 * refuses it ({@code log_rejected}), and it serves it after the true log as the operator of the store.
 * Alice's client refuses that log ({@code LOG_FORBIDDEN}: the invitation names other keys), gives
 * the ghost nothing, and carol reads on; once the operator stops serving the forged entry, the real
 * bob joins with his named device. The {@code insecure-tofu-client} invites with the old, unbound
 * kind ({@code invite}) and accepts every device change without asking: the ghost's own client
 * joins, and the ghost decrypts the secret.
 */
public final class InvitedJoin implements Scenario {
    /** What alice sends once the real bob joined: he reads it if his join went through. */
    static final String WELCOME = "welcome, bob";

    @Override
    public String name() {
        return "e2e-invited-join";
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
        MaliciousRoomLogs logs = target.roomLogs().orElseThrow(() -> new IllegalStateException(
                "this scenario needs the lab's own server: a malicious operator serves its room logs (no --server)"));
        try (E2eCast cast = E2eCast.assemble(target, trace); E2eParty carol = cast.register("carol")) {
            E2eParty alice = cast.aliceDevice();
            String room = "den" + cast.bob().substring(cast.bob().indexOf('_') + 1);
            alice.await(alice.session().createEncryptedRoom(room, RoomVisibility.PRIVATE));
            invite(cast, room, cast.user("carol"), variant);
            carol.await(carol.session().join(room));
            trace.add(Actor.LAB, "lab.e2e.room-invited", room, cast.alice(), cast.user("carol"));
            SafetyNumber before = alice.await(alice.session().safetyNumber(cast.bob()));
            cast.verifyBob();
            invite(cast, room, cast.bob(), variant);
            int named = alice.await(alice.session().roomMembership(room)).invitationKeys(cast.bob()).size();
            trace.add(Actor.CLIENT, named == 0 ? "client.e2e.invited-unbound" : "client.e2e.invited", cast.alice(),
                    cast.bob(), room, named);

            SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
            cast.operator().addLoginKey(cast.bob(), SignatureComponent.ED25519, key.publicKey());
            Path ghostDirectory = target.scratch("ghost");
            Attack attack;
            E2eParty ghost = E2eParty.loginWithKey(target, ghostDirectory, cast.bob(), key);
            try {
                attack = new Attack(cast, carol, room, variant, trace, before, ghost.deviceId(), ghostDirectory, logs);
                trace.add(Actor.ATTACKER, "attacker.e2e.logged-in-as", cast.bob(), attack.device());
                Optional<String> refused = ForcedJoin.failure(() -> ghost.await(ghost.session().join(room)));
                if (refused.isEmpty()) {
                    return attack.afterOwnJoin(ghost);
                }
                trace.add(Actor.CLIENT, "client.e2e.join-refused", cast.bob(), attack.device(), room, refused.get());
                ForcedJoin.force(logs, ghost, ghostDirectory, room, cast.bob(), attack.device(), trace);
            } finally {
                ghost.close();
            }
            try {
                return attack.afterForcedJoin();
            } finally {
                logs.plant(room.toLowerCase(Locale.ROOT), Optional.empty());
            }
        }
    }

    /** Alice's client invites: the real one binds the invitation to keys, the older one does not. */
    private static void invite(E2eCast cast, String room, String user, Variant variant) throws Exception {
        E2eParty alice = cast.aliceDevice();
        if (variant == Variant.INSECURE_TOFU_CLIENT) {
            new InsecureTofuClient(alice.session()).inviteUnbound(room, user, DeviceFiles.keys(cast.aliceDirectory()));
        } else {
            alice.await(alice.session().invite(room, user));
        }
    }

    /** The steps after the ghost is in bob's account, with what they share. */
    private record Attack(E2eCast cast, E2eParty carol, String room, Variant variant, Trace trace, SafetyNumber before,
            long device, Path ghostDirectory, MaliciousRoomLogs logs) {

        /** The server took the join the ghost's own client signed: the ghost stays online and reads as a member. */
        Outcome afterOwnJoin(E2eParty ghost) throws Exception {
            E2eParty alice = cast.aliceDevice();
            E2eParty.require(LabTarget.STEP_TIMEOUT, () -> alice.roomEvents().stream().anyMatch(e ->
                    e instanceof RoomEvent.Notice n && n.kind() == RoomNoticeKind.JOINED
                            && n.user().equals(cast.bob()) && n.deviceId() == device),
                    "the client of " + cast.alice() + " showing " + cast.bob() + " device " + device + " joined " + room);
            trace.add(Actor.ATTACKER, "attacker.e2e.joined-as", room, cast.bob(), device);
            Sent sent = send();
            // The ghost must have the secret in hand, read or held unopened; not knowing is a lab error.
            E2eParty.require(LabTarget.STEP_TIMEOUT, () -> ghost.roomTexts().contains(E2eCast.SECRET)
                    || held(ghostDirectory, cast.alice()) > 0, "the ghost receiving the secret");
            boolean read = ghost.roomTexts().contains(E2eCast.SECRET);
            trace.add(Actor.ATTACKER, read ? "attacker.e2e.ghost-read" : "attacker.e2e.ghost-held", cast.alice(),
                    read ? E2eCast.SECRET : held(ghostDirectory, cast.alice()));
            trace.add(Actor.CLIENT, "client.e2e.member-reads", cast.user("carol"), "@answer." + sent.carolReads());
            boolean bound = boundElsewhere();
            realJoinAsMember();
            return verdict(read, 0, sent.refused(), bound, sent.carolReads());
        }

        /**
         * The operator signed the join itself (served after the true log, or appended if its server
         * took it); the ghost is offline, and what its server queued for it is the operator's to open.
         */
        Outcome afterForcedJoin() throws Exception {
            Sent sent = send();
            int keys = GhostMember.roomKeys(room, cast.operator().queued(cast.bob(), device), DeviceInbox.read(ghostDirectory));
            int stored = cast.operator().roomMessages(room.toLowerCase(Locale.ROOT), sent.lastStored()).stream()
                    .filter(m -> m.sender().equals(cast.alice())).toList().size();
            trace.add(Actor.ATTACKER, "attacker.e2e.ghost-keys", cast.bob(), device, keys, cast.alice(), stored);
            trace.add(Actor.CLIENT, "client.e2e.member-reads", cast.user("carol"), "@answer." + sent.carolReads());
            boolean bound = boundElsewhere();
            realJoinNamed();
            return verdict(false, keys, sent.refused(), bound, sent.carolReads());
        }

        /** What alice's client showed and did while sending the secret, and whether carol read it. */
        private record Sent(List<RoomError> refused, boolean carolReads, long lastStored) {
        }

        private Sent send() throws Exception {
            E2eParty alice = cast.aliceDevice();
            int mark = alice.events().size();
            SafetyNumber after = alice.await(alice.session().safetyNumber(cast.bob()));
            trace.add(Actor.CLIENT, before.digits().equals(after.digits()) ? "client.e2e.safety-same"
                    : "client.e2e.safety-changed", before.grouped(), after.grouped());
            cast.shownToAliceInRoom(mark);
            long lastStored = cast.operator().roomMessages(room.toLowerCase(Locale.ROOT), 0).stream()
                    .mapToLong(m -> m.id()).max().orElse(0);
            int roomMark = alice.roomEvents().size();
            if (variant == Variant.INSECURE_TOFU_CLIENT) {
                List<String> accepted = new InsecureTofuClient(alice.session()).sendRoom(room, E2eCast.SECRET);
                trace.add(Actor.CLIENT, "client.e2e.room-auto-accept", accepted, room);
            } else {
                alice.await(alice.session().sendRoom(room, E2eCast.SECRET));
            }
            List<RoomEvent> shown = alice.roomEvents().subList(roomMark, alice.roomEvents().size());
            List<RoomEvent.Problem> problems = shown.stream().filter(e -> e instanceof RoomEvent.Problem)
                    .map(e -> (RoomEvent.Problem) e).toList();
            for (RoomEvent.Problem problem : problems) {
                trace.add(Actor.CLIENT, "client.e2e.log-refused", cast.alice(), problem.error().name().toLowerCase(Locale.ROOT),
                        problem.detail());
            }
            trace.add(Actor.CLIENT, "client.e2e.room-sent", alice.session().displayName(), room, E2eCast.SECRET.length());
            for (RoomEvent event : shown) {
                if (event instanceof RoomEvent.Notice n && (n.kind() == RoomNoticeKind.KEY_WITHHELD_UNACCEPTED
                        || n.kind() == RoomNoticeKind.KEY_WITHHELD_NOT_LISTED || n.kind() == RoomNoticeKind.KEY_NOT_DELIVERED)) {
                    trace.add(Actor.CLIENT, "client.e2e.room-key-kept", n.user(), n.deviceId(), room,
                            "@room-key." + n.kind().name().toLowerCase(Locale.ROOT));
                }
            }
            boolean carolReads = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> carol.roomTexts().contains(E2eCast.SECRET));
            return new Sent(problems.stream().map(RoomEvent.Problem::error).distinct().toList(), carolReads, lastStored);
        }

        /** True if alice's verified log holds bob's invitation bound to keys that do not include the ghost's. */
        private boolean boundElsewhere() throws Exception {
            List<Bytes> keys = cast.aliceDevice().await(cast.aliceDevice().session().roomMembership(room))
                    .invitationKeys(cast.bob());
            Bytes ghostKey = DeviceFiles.keys(ghostDirectory).identity().signingKey();
            return !keys.isEmpty() && !keys.contains(ghostKey);
        }

        /** The real bob logs in and joins after the ghost did: the server answers as to a member. */
        private void realJoinAsMember() throws Exception {
            try (E2eParty bob = cast.loginBob()) {
                bob.await(bob.session().join(room));
                boolean told = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomEvents().stream()
                        .anyMatch(e -> e instanceof RoomEvent.Notice n && n.kind() == RoomNoticeKind.NOT_ADMITTED_HERE));
                String admitted = bob.roomEvents().stream().filter(e -> e instanceof RoomEvent.Notice n
                        && n.kind() == RoomNoticeKind.NOT_ADMITTED_HERE).map(e -> ((RoomEvent.Notice) e).detail())
                        .collect(java.util.stream.Collectors.joining("; "));
                trace.add(Actor.CLIENT, told ? "client.e2e.not-admitted-here" : "client.e2e.not-admitted-silent", cast.bob(),
                        bob.deviceId(), room, admitted);
            }
        }

        /**
         * The real bob joins with the device the invitation names: while the forged entry is served his
         * client refuses that log too (a server can always withhold service), once it is not he joins
         * and reads what alice sends next. Narrated as it happens, whatever happens.
         */
        private void realJoinNamed() throws Exception {
            try (E2eParty bob = cast.loginBob()) {
                Optional<String> refused = ForcedJoin.failure(() -> bob.await(bob.session().join(room)));
                if (refused.isPresent()) {
                    trace.add(Actor.CLIENT, "client.e2e.real-join-blocked", cast.bob(), bob.deviceId(), room,
                            ForcedJoin.errors(bob.roomProblems()));
                    logs.plant(room.toLowerCase(Locale.ROOT), Optional.empty());
                    trace.add(Actor.ATTACKER, "attacker.e2e.stops-serving", room);
                    refused = ForcedJoin.failure(() -> bob.await(bob.session().join(room)));
                }
                if (refused.isPresent()) {
                    trace.add(Actor.CLIENT, "client.e2e.real-join-refused", cast.bob(), bob.deviceId(), room, refused.get());
                    return;
                }
                cast.aliceDevice().await(cast.aliceDevice().session().sendRoom(room, WELCOME));
                boolean reads = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomTexts().contains(WELCOME));
                trace.add(Actor.CLIENT, "client.e2e.real-joined", cast.bob(), bob.deviceId(), room, WELCOME,
                        "@answer." + reads);
            }
        }
    }

    private static long held(Path ghostDirectory, String sender) {
        try {
            return HeldRoomEnvelopes.from(ghostDirectory, sender);
        } catch (IOException | UncheckedIOException e) {
            return 0; // the client was rewriting the file: look again
        }
    }

    /**
     * Succeeded only if the ghost decrypted alice's secret ({@code read}), or alice's room key for the
     * room reached the ghost's device ({@code keys}, opened with that device's keys: with it and the
     * stored envelope, which the operator holds, the secret opens). Defeated only if alice's client
     * refused the log with the ghost's join ({@code LOG_FORBIDDEN}), her verified log holds bob's
     * invitation bound to keys that are not the ghost's ({@code boundElsewhere}: so the refusal is
     * the bound invitation's), and carol, the honest member, read the secret. A room that stopped
     * working with nothing for the ghost is not the attack succeeding; a key kept from the ghost for
     * another reason (withheld for an unaccepted change, a log refused for another rule) is not the
     * check.
     */
    static Outcome verdict(boolean read, int keys, List<RoomError> refused, boolean boundElsewhere, boolean carolReads)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (read || keys > 0) {
            return Outcome.succeeded();
        }
        String seen = "alice's client refused " + (refused.isEmpty() ? "no log"
                : "the served log with " + refused.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList())
                + "; her log " + (boundElsewhere ? "holds bob's invitation bound to other keys than the ghost's"
                        : "holds no invitation of bob's bound to other keys than the ghost's")
                + "; the honest member " + (carolReads ? "read" : "did not read")
                + " the secret; the ghost read nothing and got no room key";
        if (!carolReads) {
            throw new NotShownToSucceedException("the ghost decrypting the secret or holding its room key", seen);
        }
        if (!refused.contains(RoomError.LOG_FORBIDDEN) || !boundElsewhere) {
            throw new NotCaughtByTheCheckException("log_forbidden for a join that bob's bound invitation does not name", seen);
        }
        return Outcome.defeated(new Check("e2e-bound-invitation", "14.9; E2EE.md 19.2, 19.4", "VerifiedLog"));
    }
}
