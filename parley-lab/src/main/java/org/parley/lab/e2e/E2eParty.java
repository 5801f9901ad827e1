package org.parley.lab.e2e;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.SessionListener;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.crypto.SigningKey;
import org.parley.lab.LabTarget;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * One user's device in an end-to-end scenario: a real {@link ParleySession} with its own device
 * directory, pinned to the lab server's real key (the attacker here is the server's operator, not
 * the network), recording every end-to-end event it reports.
 */
public final class E2eParty implements SessionListener, AutoCloseable {
    private final List<E2eEvent> events = new CopyOnWriteArrayList<>();
    private final List<RoomEvent> roomEvents = new CopyOnWriteArrayList<>();
    private ParleySession session;

    private E2eParty() {
    }

    /** Registers {@code user} and sets up its device in {@code directory}. */
    public static E2eParty register(LabTarget target, Path directory, String user, char[] password) throws Exception {
        return start(target, directory, user, c -> c.register(user, password, Optional.empty()));
    }

    /** Logs {@code user} in again on the device kept in {@code directory}. */
    public static E2eParty login(LabTarget target, Path directory, String user, char[] password) throws Exception {
        return start(target, directory, user, c -> c.login(user, password));
    }

    /**
     * Logs {@code user} in with a login key on the device kept in {@code directory} (a fresh
     * directory: the client sets up a new device of the account there, with keys of its own).
     */
    public static E2eParty loginWithKey(LabTarget target, Path directory, String user, SigningKey key) throws Exception {
        return start(target, directory, user, c -> c.loginWithKey(user, key));
    }

    private static E2eParty start(LabTarget target, Path directory, String user,
            Function<ParleyClient, java.util.concurrent.CompletableFuture<String>> login) throws Exception {
        InMemoryPinStore pins = new InMemoryPinStore();
        pins.pin(target.server().getHostString() + ":" + target.server().getPort(), target.fingerprint());
        ClientOptions options = ClientOptions.defaults(target.server().getHostString(), target.server().getPort(), pins,
                f -> false);
        SessionSettings settings = new SessionSettings(options, FirstContactQuestion.answeredBy(f -> false), Runnable::run,
                Optional.empty()).withE2e(E2eSettings.in(directory).withDeviceName(user + "-phone"));
        E2eParty party = new E2eParty();
        party.session = LabTarget.await(ParleySession.start(settings, party, user, login));
        return party;
    }

    public ParleySession session() {
        return session;
    }

    /** This device's id on the server. */
    public long deviceId() {
        return session.deviceId();
    }

    /** Sends {@code text} end to end with the real client's checks. */
    public E2eMessage send(String peer, String text) throws Exception {
        return LabTarget.await(session.sendPrivate(peer, text));
    }

    /** Waits for a request of the session at most {@link LabTarget#STEP_TIMEOUT}. */
    public <T> T await(Future<T> future) throws Exception {
        return LabTarget.await(future);
    }

    /** Every end-to-end event so far, in order. */
    public List<E2eEvent> events() {
        return List.copyOf(events);
    }

    /** The texts of the messages this device received so far. */
    public List<String> received() {
        return events.stream().filter(e -> e instanceof E2eEvent.Message).map(e -> ((E2eEvent.Message) e).message())
                .filter(m -> !m.outgoing()).map(E2eMessage::text).toList();
    }

    /** Texts of the encrypted-room messages this device decrypted (or sent), in order. */
    public List<String> roomTexts() {
        return roomEvents.stream().filter(e -> e instanceof RoomEvent.Message)
                .map(e -> ((RoomEvent.Message) e).message().text()).toList();
    }

    /** Every encrypted-room event so far, in order. */
    public List<RoomEvent> roomEvents() {
        return List.copyOf(roomEvents);
    }

    /** What this device refused in encrypted rooms, in order. */
    public List<RoomEvent.Problem> roomProblems() {
        return roomEvents.stream().filter(e -> e instanceof RoomEvent.Problem).map(e -> (RoomEvent.Problem) e).toList();
    }

    /** The local history of the conversation with {@code peer}. */
    public List<E2eMessage> history(String peer) throws Exception {
        return LabTarget.await(session.history(peer));
    }

    /** Polls {@code condition} until it holds or {@code bound} passes; returns whether it held. */
    public static boolean within(Duration bound, BooleanSupplier condition) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        return true;
    }

    /**
     * Polls {@code condition} until it holds; a step every later one relies on.
     *
     * @throws TimeoutException naming {@code what} if it did not hold within {@code bound}: not knowing
     *     is a lab error, never a step the scenario goes on from
     */
    public static void require(Duration bound, BooleanSupplier condition, String what) throws TimeoutException {
        if (!within(bound, condition)) {
            throw new TimeoutException(what + " not seen within " + bound.toMillis() + " ms");
        }
    }

    @Override
    public void onEvent(ChatEvent.Push event) {
    }

    @Override
    public void onE2e(E2eEvent event) {
        events.add(event);
    }

    @Override
    public void onRoom(RoomEvent event) {
        roomEvents.add(event);
    }

    @Override
    public void onClosed(String reason) {
    }

    @Override
    public void close() {
        if (session != null) {
            session.close();
        }
    }
}
