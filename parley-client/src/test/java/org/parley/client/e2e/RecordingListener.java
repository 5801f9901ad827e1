package org.parley.client.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.client.ClientListener;
import org.parley.client.KeyUpdates;
import org.parley.protocol.chat.ChatEvent;

/** Keeps every pushed event and disconnect reason, for assertions from the test thread. */
final class RecordingListener implements ClientListener {
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private final List<String> disconnects = new CopyOnWriteArrayList<>();
    private final List<KeyUpdates> keyUpdates = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent.Push event) {
        events.add(event);
    }

    @Override
    public void onDisconnected(String reason) {
        disconnects.add(reason);
    }

    @Override
    public void onKeysUpdated(KeyUpdates counts) {
        keyUpdates.add(counts);
    }

    List<KeyUpdates> keyUpdates() {
        return List.copyOf(keyUpdates);
    }

    List<ChatEvent> events() {
        return List.copyOf(events);
    }

    List<String> disconnects() {
        return List.copyOf(disconnects);
    }

    <T extends ChatEvent> List<T> eventsOf(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    /** Texts of room messages seen, live or replayed as chosen. */
    List<String> roomTexts(boolean history) {
        return eventsOf(ChatEvent.RoomMessage.class).stream().filter(m -> m.history() == history)
                .map(m -> Texts.of(m.message())).toList();
    }

    List<String> privateTexts() {
        return eventsOf(ChatEvent.PrivateMessage.class).stream().map(m -> Texts.of(m.message())).toList();
    }
}
