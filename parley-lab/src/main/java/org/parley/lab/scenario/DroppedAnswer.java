package org.parley.lab.scenario;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.client.Backoff;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.SessionSettings;
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
import org.parley.lab.insecure.InsecureRetryClient;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.TapAction;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.PinStore;

/**
 * The server's answer to a posted message is dropped, so the sender posts it twice. Alice posts a
 * payment order to a room through the attacker's path; the attacker, which can neither read nor
 * forge records, lets it reach the server, holds the first server record after it until the
 * message is stored (bob, in the room, is shown it), and then cuts the connection, so alice never
 * sees the answer. Her session reconnects. Parley's client sends the message again with the same
 * send id and bytes, and the server answers the repeat with the first id and stores nothing
 * (PROTOCOL.md 14.5). The {@code insecure-retry-client} posts it again as a new message.
 */
public final class DroppedAnswer implements Scenario {
    static final String ORDER = "transfer 100 yuan to alice";
    static final String AFTER = "did it arrive?";
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1));

    @Override
    public String name() {
        return "dropped-answer";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_RETRY_CLIENT);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
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
        AtomicBoolean cut = new AtomicBoolean();
        AtomicBoolean storedBeforeCut = new AtomicBoolean();
        FrameTap tap = (link, direction, index, frame) -> {
            if (!armed.get() || cut.get()) {
                return TapAction.FORWARD;
            }
            if (direction == Direction.CLIENT_TO_SERVER) {
                sent.set(true);
                return TapAction.FORWARD;
            }
            if (!sent.get()) {
                return TapAction.FORWARD;
            }
            // The first server record after the post: held until the server has stored the message.
            boolean stored = E2eParty.within(LabTarget.STEP_TIMEOUT, () -> !bobSees.ids(ORDER).isEmpty());
            storedBeforeCut.set(stored);
            trace.add(Actor.ATTACKER, "attacker.drop.held", frame.length(), bob, "@answer." + stored);
            trace.add(Actor.ATTACKER, "attacker.cut", frame.length());
            cut.set(true);
            return TapAction.CUT;
        };
        try (ParleyClient bobClient = target.connectPinned(target.server(), bobSees);
                AttackRun run = AttackRun.start(target, trace, tap)) {
            LabTarget.await(bobClient.register(bob, password.clone(), Optional.empty()));
            SessionWatch watch = new SessionWatch();
            try (ParleySession session = LabTarget.await(ParleySession.start(settings(target, run.via(),
                    target.fingerprint()), watch, alice, c -> c.register(alice, password.clone(), Optional.empty())))) {
                LabTarget.await(session.createRoom(room, RoomVisibility.PUBLIC));
                LabTarget.await(bobClient.join(room));
                trace.add(Actor.LAB, "lab.drop.cast", alice, bob, room);
                trace.add(Actor.CLIENT, "client.drop.posts", alice, ORDER, room);
                armed.set(true);
                Optional<Long> confirmed = post(session, watch, variant, room, trace, alice);
                trace.add(Actor.CLIENT, "client.drop.reconnected", alice, watch.losses(), watch.reconnections());
                boolean carriesOn = next(session, room)
                        && E2eParty.within(LabTarget.STEP_TIMEOUT, () -> !bobSees.ids(AFTER).isEmpty());
                List<Long> shown = bobSees.ids(ORDER);
                long inHistory = LabTarget.await(bobClient.history(new Conversation.InRoom(room), 0, 200)).messages()
                        .stream().filter(m -> RoomInbox.text(m).equals(ORDER)).count();
                trace.add(Actor.CLIENT, "client.drop.seen", bob, shown.size(), shown, inHistory,
                        "@answer." + carriesOn);
                return verdict(storedBeforeCut.get(), confirmed, shown, inHistory, carriesOn);
            }
        }
    }

    /** Alice posts the order, with the real session or the naive client; the id her client was answered with. */
    private static Optional<Long> post(ParleySession session, SessionWatch watch, Variant variant, String room,
            Trace trace, String alice) throws Exception {
        if (variant == Variant.INSECURE_RETRY_CLIENT) {
            InsecureRetryClient.Posted posted = new InsecureRetryClient(session, watch::reconnections)
                    .send(room, ORDER, LabTarget.STEP_TIMEOUT);
            trace.add(Actor.CLIENT, "insecure.retry.posted", alice, posted.posts(), posted.id());
            return Optional.of(posted.id());
        }
        try {
            long id = LabTarget.await(session.sendRoomText(room, ORDER));
            trace.add(Actor.CLIENT, "client.drop.confirmed", alice, id);
            return Optional.of(id);
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            trace.add(Actor.CLIENT, "client.drop.not-confirmed", alice, cause.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Alice posts a next message (a plain post: it is not attacked); whether the server stored it. */
    static boolean next(ParleySession session, String room) throws InterruptedException {
        try {
            LabTarget.await(session.call(c -> c.sendRoom(room, AFTER)));
            return true;
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            return false; // not stored: the verdict reports that the room stopped working
        }
    }

    /** Alice's reconnecting session, through the attacker's path, with the real server's key pinned for it. */
    static SessionSettings settings(LabTarget target, InetSocketAddress via, Fingerprint server) {
        PinStore pins = new InMemoryPinStore();
        pins.pin(via.getHostString() + ":" + via.getPort(), server);
        // No keepalive: a ping of its own after the order would be taken for the order by the tap.
        ClientOptions options = ClientOptions.defaults(via.getHostString(), via.getPort(), pins, f -> false)
                .withKeepAlive(Duration.ZERO);
        return new SessionSettings(target.keyLog().map(options::withInsecureKeyLog).orElse(options),
                FirstContactQuestion.answeredBy(f -> false), Runnable::run, Optional.of(QUICK));
    }

    /**
     * Succeeded if bob was shown the order twice, or the room's history on the server holds it twice.
     * Defeated only from the evidence that the repeat was answered and not stored: the server had
     * stored the order before its answer was cut (bob was shown it), alice's send completed after the
     * reconnect with an id (the first answer never reached her, so a repeat was answered), bob was
     * shown exactly one copy under that same id, the history holds exactly one, and alice's next
     * message reached bob (so no second copy was still on its way). A send that failed although the
     * order was stored, one copy under another id, or no copy is not the send-once check.
     */
    static Outcome verdict(boolean storedBeforeCut, Optional<Long> confirmed, List<Long> shown, long inHistory,
            boolean carriesOn) throws NotCaughtByTheCheckException, NotShownToSucceedException {
        return verdict("cut", new Check("send-once", "14.5", "SendOnce, Outbox"), storedBeforeCut, confirmed, shown,
                inHistory, carriesOn);
    }

    /**
     * The verdict after {@code interruption} (what lost alice the answer: the "cut", the "crash"),
     * defeated by {@code check}: the rules above.
     */
    static Outcome verdict(String interruption, Check check, boolean storedBefore, Optional<Long> confirmed,
            List<Long> shown, long inHistory, boolean carriesOn)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (shown.size() > 1 || inHistory > 1) {
            return Outcome.succeeded();
        }
        String seen = "the order stored before the " + interruption + ": " + storedBefore + "; alice's send "
                + confirmed.map(id -> "completed with id " + id).orElse("did not complete") + "; bob shown it under "
                + shown + "; " + inHistory + " cop(ies) in the history; alice's next message "
                + (carriesOn ? "arrived" : "did not arrive");
        if (!storedBefore) {
            throw new IllegalStateException("the answer was not lost to the " + interruption
                    + " after the order was stored: " + seen);
        }
        if (!carriesOn) {
            throw new NotShownToSucceedException("bob shown the order twice", seen);
        }
        if (shown.size() != 1 || inHistory != 1 || confirmed.isEmpty() || !confirmed.get().equals(shown.getFirst())) {
            throw new NotCaughtByTheCheckException("alice's send completing with the id of the one copy bob was shown,"
                    + " and one copy in the history", seen);
        }
        return Outcome.defeated(check);
    }
}
