package org.parley.client.e2e;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.client.ClientException;
import org.parley.client.ParleyClient;
import org.parley.client.SessionListener;
import org.parley.protocol.chat.ChatEvent;

/** Records what a ParleySession reports, in order, with the thread each call ran on. */
final class SessionRecorder implements SessionListener {
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<String> threads = new CopyOnWriteArrayList<>();
    private final List<ChatEvent.Push> events = new CopyOnWriteArrayList<>();
    private final List<List<String>> rejoined = new CopyOnWriteArrayList<>();
    private final List<Optional<ClientException>> closedCauses = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent.Push event) {
        record("event");
        events.add(event);
    }

    @Override
    public void onConnectionLost(String reason) {
        record("lost");
    }

    @Override
    public void onReconnected(ParleyClient client, List<ChatEvent.JoinedRoom> rooms) {
        record("reconnected");
        rejoined.add(rooms.stream().map(joined -> joined.room().name()).toList());
    }

    @Override
    public void onClosed(String reason, Optional<ClientException> cause) {
        closedCauses.add(cause);
        SessionListener.super.onClosed(reason, cause);
    }

    @Override
    public void onClosed(String reason) {
        record("closed");
    }

    private void record(String call) {
        calls.add(call);
        threads.add(Thread.currentThread().getName());
    }

    /** Every call but the pushed events, in order. */
    List<String> lifecycle() {
        return calls.stream().filter(call -> !call.equals("event")).toList();
    }

    List<String> calls() {
        return List.copyOf(calls);
    }

    List<String> threads() {
        return List.copyOf(threads);
    }

    /** The typed cause of each {@code onClosed} (one, once the session ended). */
    List<Optional<ClientException>> closedCauses() {
        return List.copyOf(closedCauses);
    }

    List<List<String>> rejoined() {
        return List.copyOf(rejoined);
    }

    List<String> liveRoomTexts() {
        return events.stream().filter(ChatEvent.RoomMessage.class::isInstance).map(ChatEvent.RoomMessage.class::cast)
                .filter(m -> !m.history()).map(m -> Texts.of(m.message())).toList();
    }
}
