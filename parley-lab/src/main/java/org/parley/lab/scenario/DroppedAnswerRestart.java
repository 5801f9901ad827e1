package org.parley.lab.scenario;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.UnaryOperator;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.insecure.InsecureForgetfulMessages;
import org.parley.lab.net.AttackerProxy;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.TapAction;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.PinStore;
import org.parley.server.store.MessageStore;

/**
 * {@link DroppedAnswer} with the likeliest way to lose an answer: the server goes down right after
 * it stored alice's order and before she sees the answer, and starts again on the same data
 * directory and port. The lab runs a server of the scenario's own for this ({@link RestartingServer});
 * alice reaches it through the attacker's path and bob through a plain relay, so that the crash is
 * what a client sees of one: both connections end with no goodbye, then the server stops. Her
 * session reconnects to the restarted server and sends the order again with the same send id; bob
 * reconnects too. The server kept the send id in the transaction that stored the order and answers
 * the repeat with the first id (PROTOCOL.md 14.5). The {@code insecure-forgetful-server} keeps send
 * ids in memory only and stores the repeat as a second copy.
 */
public final class DroppedAnswerRestart implements Scenario {
    static final Check CHECK = new Check("send-once-restart", "14.5", "SendIdRows, SendOnce, Outbox");

    @Override
    public String name() {
        return "dropped-answer-restart";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_FORGETFUL_SERVER);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (target.serverDatabase().isEmpty()) {
            throw new IllegalStateException("this scenario stops and restarts a server of the lab's own: it cannot"
                    + " be run with --server");
        }
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        String alice = "alice_" + suffix;
        String bob = "bob_" + suffix;
        String room = "pay" + suffix;
        char[] password = ("lab passphrase " + suffix).toCharArray();
        RoomInbox bobSees = new RoomInbox();
        AtomicBoolean armed = new AtomicBoolean();
        AtomicBoolean sent = new AtomicBoolean();
        AtomicBoolean crashed = new AtomicBoolean();
        AtomicBoolean stopped = new AtomicBoolean();
        AtomicBoolean bobBack = new AtomicBoolean();
        AtomicBoolean storedBeforeCrash = new AtomicBoolean();
        UnaryOperator<MessageStore> messages = variant == Variant.INSECURE_FORGETFUL_SERVER
                ? InsecureForgetfulMessages::new : UnaryOperator.identity();
        try (RestartingServer server = RestartingServer.start(target.scratch("restart"), messages);
                AttackerProxy bobPath = AttackerProxy.start(server.address(), FrameTap.PASSIVE)) {
            Fingerprint key = server.fingerprint();
            trace.add(Actor.LAB, "lab.restart.server", server.address().getPort(), bobPath.address().getPort());
            FrameTap tap = (link, direction, index, frame) -> {
                if (crashed.get()) {
                    // Alice's reconnection: nothing of it reaches the server before it restarted and bob is back.
                    return direction == Direction.SERVER_TO_CLIENT || E2eParty.within(LabTarget.STEP_TIMEOUT,
                            bobBack::get) ? TapAction.FORWARD : TapAction.CUT;
                }
                if (!armed.get()) {
                    return TapAction.FORWARD;
                }
                if (direction == Direction.CLIENT_TO_SERVER) {
                    sent.set(true);
                    return TapAction.FORWARD;
                }
                if (!sent.get()) {
                    return TapAction.FORWARD;
                }
                // The first server record after the post: held until the order is stored, then the crash.
                boolean stored = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> !bobSees.ids(DroppedAnswer.ORDER).isEmpty());
                storedBeforeCrash.set(stored);
                trace.add(Actor.ATTACKER, "attacker.drop.held", frame.length(), bob, "@answer." + stored);
                crashed.set(true);
                link.cut();
                bobPath.close();
                server.stop();
                trace.add(Actor.LAB, "lab.restart.crashed", frame.length());
                stopped.set(true);
                return TapAction.CUT;
            };
            try (AttackRun run = AttackRun.start(target, trace, tap, server.address());
                    ParleyClient bobBefore = target.connect(bobPath.address(), pins(bobPath.address(), key), f -> false,
                            bobSees)) {
                LabTarget.await(bobBefore.register(bob, password.clone(), Optional.empty()));
                SessionWatch watch = new SessionWatch();
                try (ParleySession session = LabTarget.await(ParleySession.start(
                        DroppedAnswer.settings(target, run.via(), key), watch, alice,
                        c -> c.register(alice, password.clone(), Optional.empty())))) {
                    LabTarget.await(session.createRoom(room, RoomVisibility.PUBLIC));
                    LabTarget.await(bobBefore.join(room));
                    trace.add(Actor.LAB, "lab.restart.cast", alice, bob, room);
                    trace.add(Actor.CLIENT, "client.drop.posts", alice, DroppedAnswer.ORDER, room);
                    armed.set(true);
                    CompletableFuture<Long> send = session.sendRoomText(room, DroppedAnswer.ORDER);
                    E2eParty.require(LabTarget.STEP_TIMEOUT, stopped::get, "the server stopping after alice's post");
                    server.startAgain();
                    trace.add(Actor.LAB, "lab.restart.started", server.address().getPort());
                    try (ParleyClient bobAfter = target.connect(server.address(), pins(server.address(), key),
                            f -> false, bobSees)) {
                        LabTarget.await(bobAfter.login(bob, password.clone()));
                        LabTarget.await(bobAfter.join(room));
                        trace.add(Actor.CLIENT, "client.restart.rejoined", bob, room);
                        bobBack.set(true);
                        Optional<Long> confirmed = confirmed(send, trace, alice);
                        trace.add(Actor.CLIENT, "client.drop.reconnected", alice, watch.losses(), watch.reconnections());
                        boolean carriesOn = DroppedAnswer.next(session, room) && E2eParty.within(LabTarget.STEP_TIMEOUT,
                                () -> !bobSees.ids(DroppedAnswer.AFTER).isEmpty());
                        List<Long> shown = bobSees.ids(DroppedAnswer.ORDER);
                        long inHistory = LabTarget.await(bobAfter.history(new Conversation.InRoom(room), 0, 200))
                                .messages().stream().filter(m -> RoomInbox.text(m).equals(DroppedAnswer.ORDER)).count();
                        trace.add(Actor.CLIENT, "client.drop.seen", bob, shown.size(), shown, inHistory,
                                "@answer." + carriesOn);
                        return verdict(storedBeforeCrash.get(), confirmed, shown, inHistory, carriesOn);
                    }
                }
            }
        }
    }

    /**
     * As {@link DroppedAnswer}'s verdict, with bob's two connections (before the crash and after the
     * restart) as what bob was shown: succeeded if he was shown the order twice or the history holds
     * it twice; defeated only if the order was stored before the crash, alice's send completed after
     * the restart with the id of the one copy bob was shown, the history holds one, and her next
     * message reached bob's connection to the restarted server.
     */
    static Outcome verdict(boolean storedBeforeCrash, Optional<Long> confirmed, List<Long> shown, long inHistory,
            boolean carriesOn) throws NotCaughtByTheCheckException, NotShownToSucceedException {
        return DroppedAnswer.verdict("crash", CHECK, storedBeforeCrash, confirmed, shown, inHistory, carriesOn);
    }

    /** The id alice's send of the order completed with, if it did. */
    private static Optional<Long> confirmed(CompletableFuture<Long> send, Trace trace, String alice) throws Exception {
        try {
            long id = LabTarget.await(send);
            trace.add(Actor.CLIENT, "client.restart.confirmed", alice, id);
            return Optional.of(id);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            trace.add(Actor.CLIENT, "client.drop.not-confirmed", alice, cause.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** The server's key pinned for {@code address}, as after an earlier visit. */
    private static PinStore pins(InetSocketAddress address, Fingerprint key) {
        PinStore pins = new InMemoryPinStore();
        pins.pin(address.getHostString() + ":" + address.getPort(), key);
        return pins;
    }
}
