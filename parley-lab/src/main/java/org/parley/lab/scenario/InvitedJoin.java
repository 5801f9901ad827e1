package org.parley.lab.scenario;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
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
import org.parley.lab.e2e.HeldRoomEnvelopes;
import org.parley.lab.insecure.InsecureTofuClient;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A malicious server joins an encrypted room in an invited user's name (the attacker is the
 * server's operator, not the network). An invitation names a user, not a key (E2EE.md 19.4): after
 * alice invites bob, whom she verified, and before bob joins, the operator logs a device of its own
 * in as bob (it adds a login key to bob's account in its database), so bob's account lists that
 * device, and signs the room's {@code join} with it; the membership log accepts it. Alice's client
 * gives a sender key to another user's device only if that user's account lists it and, for a user
 * she verified, only once she accepts the change (20.7, {@code KEY_WITHHELD_UNACCEPTED}): the ghost
 * holds alice's secret and cannot open it, and carol reads on. The {@code insecure-tofu-client}
 * accepts the change without asking, and the ghost decrypts the secret with the operator's keys.
 */
public final class InvitedJoin implements Scenario {

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
        try (E2eCast cast = E2eCast.assemble(target, trace); E2eParty carol = cast.register("carol")) {
            E2eParty alice = cast.aliceDevice();
            String room = "den" + cast.bob().substring(cast.bob().indexOf('_') + 1);
            alice.await(alice.session().createEncryptedRoom(room, RoomVisibility.PRIVATE));
            alice.await(alice.session().invite(room, cast.user("carol")));
            carol.await(carol.session().join(room));
            trace.add(Actor.LAB, "lab.e2e.room-invited", room, cast.alice(), cast.user("carol"));
            SafetyNumber before = alice.await(alice.session().safetyNumber(cast.bob()));
            cast.verifyBob();
            alice.await(alice.session().invite(room, cast.bob()));
            trace.add(Actor.CLIENT, "client.e2e.invited", cast.alice(), cast.bob(), room);

            SigningKey key = SignatureAlgorithm.ED25519.create().generate(new SecureRandom());
            cast.operator().addLoginKey(cast.bob(), SignatureComponent.ED25519, key.publicKey());
            Path ghostDirectory = target.scratch("ghost");
            try (E2eParty ghost = E2eParty.loginWithKey(target, ghostDirectory, cast.bob(), key)) {
                long device = ghost.deviceId();
                trace.add(Actor.ATTACKER, "attacker.e2e.logged-in-as", cast.bob(), device);
                ghost.await(ghost.session().join(room));
                E2eParty.require(LabTarget.STEP_TIMEOUT, () -> alice.roomEvents().stream().anyMatch(e ->
                        e instanceof RoomEvent.Notice n && n.kind() == RoomNoticeKind.JOINED
                                && n.user().equals(cast.bob()) && n.deviceId() == device),
                        "the client of " + cast.alice() + " showing " + cast.bob() + " device " + device + " joined " + room);
                trace.add(Actor.ATTACKER, "attacker.e2e.joined-as", room, cast.bob(), device);

                int mark = alice.events().size();
                SafetyNumber after = alice.await(alice.session().safetyNumber(cast.bob()));
                trace.add(Actor.CLIENT, before.digits().equals(after.digits()) ? "client.e2e.safety-same"
                        : "client.e2e.safety-changed", before.grouped(), after.grouped());
                cast.shownToAlice(mark);
                int roomMark = alice.roomEvents().size();
                send(alice, room, variant, trace);
                boolean carolReads = E2eParty.within(LabTarget.STEP_TIMEOUT,
                        () -> carol.roomTexts().contains(E2eCast.SECRET));
                // The ghost must have the secret in hand, read or held unopened; not knowing is a lab error.
                E2eParty.require(LabTarget.STEP_TIMEOUT, () -> ghost.roomTexts().contains(E2eCast.SECRET)
                        || held(ghostDirectory, cast.alice()) > 0, "the ghost receiving the secret");
                boolean read = ghost.roomTexts().contains(E2eCast.SECRET);
                List<RoomEvent> shown = alice.roomEvents().subList(roomMark, alice.roomEvents().size());
                narrate(trace, shown, room);
                trace.add(Actor.ATTACKER, read ? "attacker.e2e.ghost-read" : "attacker.e2e.ghost-held", cast.alice(),
                        read ? E2eCast.SECRET : held(ghostDirectory, cast.alice()));
                trace.add(Actor.CLIENT, "client.e2e.member-reads", cast.user("carol"), carolReads ? "@answer.true" : "@answer.false");
                realJoin(cast, room, trace);
                return verdict(read, shown, device, carolReads);
            }
        }
    }

    /** Alice sends the secret in the room, with the real client or the one that accepts every change. */
    private static void send(E2eParty alice, String room, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_TOFU_CLIENT) {
            List<String> accepted = new InsecureTofuClient(alice.session()).sendRoom(room, E2eCast.SECRET);
            trace.add(Actor.CLIENT, "client.e2e.room-auto-accept", accepted, room);
        } else {
            alice.await(alice.session().sendRoom(room, E2eCast.SECRET));
        }
        trace.add(Actor.CLIENT, "client.e2e.room-sent", alice.session().displayName(), room, E2eCast.SECRET.length());
    }

    /** Narrates the keys alice's client withheld or could not deliver while sending. */
    private static void narrate(Trace trace, List<RoomEvent> shown, String room) {
        for (RoomEvent event : shown) {
            if (event instanceof RoomEvent.Notice n && (n.kind() == RoomNoticeKind.KEY_WITHHELD_UNACCEPTED
                    || n.kind() == RoomNoticeKind.KEY_WITHHELD_NOT_LISTED || n.kind() == RoomNoticeKind.KEY_NOT_DELIVERED)) {
                trace.add(Actor.CLIENT, "client.e2e.room-key-kept", n.user(), n.deviceId(), room,
                        "@room-key." + n.kind().name().toLowerCase(Locale.ROOT));
            }
        }
    }

    /** The real bob logs in and joins: the server answers as to a member, and his client says what it found. */
    private static void realJoin(E2eCast cast, String room, Trace trace) throws Exception {
        try (E2eParty bob = cast.loginBob()) {
            bob.await(bob.session().join(room));
            boolean told = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomEvents().stream()
                    .anyMatch(e -> e instanceof RoomEvent.Notice n && n.kind() == RoomNoticeKind.NOT_ADMITTED_HERE));
            String admitted = bob.roomEvents().stream().filter(e -> e instanceof RoomEvent.Notice n
                    && n.kind() == RoomNoticeKind.NOT_ADMITTED_HERE).map(e -> ((RoomEvent.Notice) e).detail())
                    .collect(Collectors.joining("; "));
            trace.add(Actor.CLIENT, told ? "client.e2e.not-admitted-here" : "client.e2e.not-admitted-silent", cast.bob(),
                    bob.deviceId(), room, admitted);
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
     * Succeeded only if the ghost decrypted alice's secret. Defeated only if alice's client withheld
     * its key from the ghost because bob's device change was not accepted
     * ({@code KEY_WITHHELD_UNACCEPTED}) and carol, the honest member, read the secret. A room that
     * stopped working with nothing read by the ghost is not the attack succeeding; a key kept from
     * the ghost for another reason (not listed, not delivered) is not the check.
     */
    static Outcome verdict(boolean read, List<RoomEvent> shown, long ghost, boolean carolReads)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (read) {
            return Outcome.succeeded();
        }
        List<String> kinds = shown.stream().filter(e -> e instanceof RoomEvent.Notice n && n.deviceId() == ghost)
                .map(e -> ((RoomEvent.Notice) e).kind().name().toLowerCase(Locale.ROOT)).distinct().toList();
        boolean withheld = kinds.contains("key_withheld_unaccepted");
        String seen = "alice's client showed " + (kinds.isEmpty() ? "nothing" : kinds) + " for device " + ghost
                + "; the honest member " + (carolReads ? "read" : "did not read") + " the secret; the ghost did not read it";
        if (!carolReads) {
            throw new NotShownToSucceedException("the ghost decrypting the secret", seen);
        }
        if (!withheld) {
            throw new NotCaughtByTheCheckException("key_withheld_unaccepted for device " + ghost, seen);
        }
        return Outcome.defeated(new Check("e2e-key-withheld", "14.9; E2EE.md 19.4, 20.7", "RoomPairwise"));
    }
}
