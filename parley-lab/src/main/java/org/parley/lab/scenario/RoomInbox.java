package org.parley.lab.scenario;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.parley.client.ClientListener;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.StoredMessage;

/**
 * What a room member's client was shown live: every room message pushed to it (not the history
 * replayed on a join), with the id the server stored it under.
 */
final class RoomInbox implements ClientListener {
    private final List<StoredMessage> shown = new CopyOnWriteArrayList<>();

    @Override
    public void onEvent(ChatEvent.Push event) {
        if (event instanceof ChatEvent.RoomMessage message && !message.history()) {
            shown.add(message.message());
        }
    }

    @Override
    public void onDisconnected(String reason) {
    }

    /** The ids of the messages shown with exactly {@code text}, in the order they arrived. */
    List<Long> ids(String text) {
        return shown.stream().filter(m -> text(m).equals(text)).map(StoredMessage::id).toList();
    }

    static String text(StoredMessage message) {
        return new String(message.body().toByteArray(), StandardCharsets.UTF_8);
    }
}
