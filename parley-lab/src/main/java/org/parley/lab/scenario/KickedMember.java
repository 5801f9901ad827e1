package org.parley.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomMessage;
import org.parley.e2ee.group.RoomSession;
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
import org.parley.lab.e2e.KeptRoomState;
import org.parley.lab.e2e.MaliciousOperator;
import org.parley.protocol.chat.RoomVisibility;

/**
 * A kicked member reads on, helped by a malicious server (the attacker is the server's operator,
 * here also the kicked member, not the network). Before the kick it copies its room state: every
 * sender key it has. After the kick the operator hands it every envelope the server fans out to
 * the room. Kicking is a signed log entry, and every remaining member starts a new sender chain
 * before its next message and sends the new key only to the devices the log still admits
 * (E2EE.md 19.8): the kept state opens a message sent before the kick and nothing sent after it.
 */
public final class KickedMember extends ParleyOnlyScenario {
    static final String BEFORE = "sent before the kick";
    static final String AFTER = "sent after the kick";

    public KickedMember() {
        super("e2e-kicked-member");
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, trace); E2eParty bob = cast.loginBob()) {
            E2eParty alice = cast.aliceDevice();
            MaliciousOperator operator = cast.operator();
            String room = "den" + cast.bob().substring(cast.bob().indexOf('_') + 1);
            String stored = room.toLowerCase(Locale.ROOT);
            try (E2eParty mallory = cast.loginOperator()) {
                alice.await(alice.session().createEncryptedRoom(room, RoomVisibility.PRIVATE));
                for (String member : List.of(cast.bob(), cast.operatorAccount())) {
                    alice.await(alice.session().invite(room, member));
                }
                bob.await(bob.session().join(room));
                mallory.await(mallory.session().join(room));
                trace.add(Actor.LAB, "lab.e2e.room-three", room, cast.alice(), cast.bob(), cast.operatorAccount());
                alice.await(alice.session().sendRoom(room, "welcome"));
                // The kept state is copied next: without "welcome" read, it may hold no chain of alice's.
                E2eParty.require(LabTarget.STEP_TIMEOUT, () -> mallory.roomTexts().contains("welcome")
                        && bob.roomTexts().contains("welcome"), cast.operatorAccount() + " and " + cast.bob()
                        + " reading \"welcome\" from " + cast.alice() + " in " + room);
            }
            KeptRoomState.Copy kept = KeptRoomState.copy(cast.operatorDirectory());
            trace.add(Actor.ATTACKER, "attacker.e2e.kept-state", cast.operatorAccount(), kept.length());
            long mark = operator.roomMessages(stored, 0).stream().mapToLong(MaliciousOperator.StoredRoomMessage::id).max()
                    .orElse(0);
            alice.await(alice.session().sendRoom(room, BEFORE));
            alice.await(alice.session().kick(room, cast.operatorAccount(), ""));
            trace.add(Actor.CLIENT, "client.e2e.kicked", cast.alice(), cast.operatorAccount());
            alice.await(alice.session().sendRoom(room, AFTER));
            bob.await(bob.session().sendRoom(room, AFTER + " (bob)"));
            boolean carriesOn = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> bob.roomTexts().contains(AFTER)
                    && alice.roomTexts().contains(AFTER + " (bob)"));

            List<MaliciousOperator.StoredRoomMessage> fannedOut = operator.roomMessages(stored, mark);
            trace.add(Actor.ATTACKER, "attacker.e2e.collected", fannedOut.size(), room);
            RoomSession session = KeptRoomState.restore(kept);
            List<String> opened = new ArrayList<>();
            List<RoomError> refused = new ArrayList<>();
            for (MaliciousOperator.StoredRoomMessage message : fannedOut) {
                try {
                    RoomMessage open = session.decrypt(org.parley.crypto.Bytes.wrapOwned(message.body()));
                    String text = open.message().text();
                    trace.add(Actor.ATTACKER, "attacker.e2e.room-read", message.sender(), text);
                    opened.add(text);
                } catch (RoomException e) {
                    trace.add(Actor.ATTACKER, "attacker.e2e.room-unreadable", message.sender(),
                            e.error().name().toLowerCase(Locale.ROOT));
                    refused.add(e.error());
                }
            }
            trace.add(Actor.CLIENT, "client.e2e.room-carries-on", "@answer." + carriesOn);
            return verdict(opened, refused, carriesOn);
        }
    }

    /**
     * Succeeded only if the kept state opened an envelope sent after the kick. Defeated only if the
     * remaining members still read each other and the kept state failed with {@code unknown_chain} on
     * at least one envelope sent after the kick, and on every envelope it could not open: reading
     * nothing after the kick proves nothing when no envelope sent after it was collected, or when they
     * failed for another reason. A room that stopped working for its members, with nothing read after
     * the kick, shows neither.
     */
    static Outcome verdict(List<String> opened, List<RoomError> refused, boolean carriesOn)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (!opened.contains(BEFORE)) {
            throw new IllegalStateException("the kept room state did not even open the message sent before the kick");
        }
        if (opened.stream().anyMatch(text -> text.startsWith(AFTER))) {
            return Outcome.succeeded();
        }
        if (!carriesOn) {
            throw new NotShownToSucceedException("the kept state opening an envelope sent after the kick",
                    "the remaining members no longer read each other, and the kept state opened nothing sent after the kick");
        }
        if (refused.isEmpty() || refused.stream().anyMatch(e -> e != RoomError.UNKNOWN_CHAIN)) {
            throw new NotCaughtByTheCheckException("unknown_chain on every envelope sent after the kick (at least one)",
                    refused.isEmpty() ? "no envelope sent after the kick was collected"
                            : "the kept state failed with " + refused.stream().map(e -> e.name().toLowerCase(Locale.ROOT)).toList());
        }
        return Outcome.defeated(new Check("unknown_chain", "14.9; E2EE.md 19.5, 19.8", "RoomSession"));
    }
}
