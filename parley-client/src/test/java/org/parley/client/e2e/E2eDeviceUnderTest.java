package org.parley.client.e2e;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.parley.client.ClientOptions;
import org.parley.client.FirstContactQuestion;
import org.parley.client.ParleySession;
import org.parley.client.SessionListener;
import org.parley.client.SessionSettings;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;

/** One user's device in a test: a ParleySession with its own device directory, recording its end-to-end events. */
final class E2eDeviceUnderTest implements SessionListener, AutoCloseable {
    final List<E2eEvent> events = new CopyOnWriteArrayList<>();
    final List<RoomEvent> roomEvents = new CopyOnWriteArrayList<>();
    final ParleySession session;

    private E2eDeviceUnderTest() {
        this.session = null;
    }

    /** Only records events (for a session a test starts itself). */
    static E2eDeviceUnderTest recorder() {
        return new E2eDeviceUnderTest();
    }

    private E2eDeviceUnderTest(SessionSettings settings, String user, String password) throws Exception {
        this.session = ParleySession.start(settings, this, user, c -> c.login(user, password.toCharArray()))
                .get(Chatters.seconds(), TimeUnit.SECONDS);
    }

    static SessionSettings settings(InetSocketAddress server, Path directory) {
        ClientOptions options = ClientOptions.defaults("127.0.0.1", server.getPort(), new InMemoryPinStore(), fp -> true);
        return new SessionSettings(options, FirstContactQuestion.answeredBy(fp -> true), Runnable::run, Optional.empty())
                .withE2e(E2eSettings.in(directory).withDeviceName(directory.getFileName().toString()));
    }

    static E2eDeviceUnderTest start(InetSocketAddress server, Path directory, String user, String password) throws Exception {
        return new E2eDeviceUnderTest(settings(server, directory), user, password);
    }

    static E2eDeviceUnderTest start(SessionSettings settings, String user, String password) throws Exception {
        return new E2eDeviceUnderTest(settings, user, password);
    }

    E2eMessage send(String peer, String text) throws Exception {
        return session.sendPrivate(peer, text).get(Chatters.seconds(), TimeUnit.SECONDS);
    }

    List<String> texts() {
        return events.stream().filter(e -> e instanceof E2eEvent.Message).map(e -> ((E2eEvent.Message) e).message().text())
                .toList();
    }

    List<E2eMessage> messages() {
        return events.stream().filter(e -> e instanceof E2eEvent.Message).map(e -> ((E2eEvent.Message) e).message())
                .toList();
    }

    List<E2eMessage> history(String peer) throws Exception {
        return session.history(peer).get(Chatters.seconds(), TimeUnit.SECONDS);
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

    /** Texts of the encrypted-room messages this device decrypted, in order. */
    List<String> roomTexts() {
        return roomEvents.stream().filter(e -> e instanceof RoomEvent.Message)
                .map(e -> ((RoomEvent.Message) e).message().text()).toList();
    }

    List<RoomNoticeKind> roomNotices() {
        return roomEvents.stream().filter(e -> e instanceof RoomEvent.Notice).map(e -> ((RoomEvent.Notice) e).kind())
                .toList();
    }

    List<RoomEvent.Problem> roomProblems() {
        return roomEvents.stream().filter(e -> e instanceof RoomEvent.Problem).map(e -> (RoomEvent.Problem) e).toList();
    }

    <T> T await(java.util.concurrent.CompletableFuture<T> future) throws Exception {
        return future.get(Chatters.seconds(), TimeUnit.SECONDS);
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
