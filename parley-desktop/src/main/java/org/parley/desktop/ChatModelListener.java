package org.parley.desktop;

import java.util.List;
import java.util.Optional;
import org.parley.client.ClientException;
import org.parley.client.KeyUpdates;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.client.SessionListener;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.chat.ChatEvent;

/**
 * The session's listener for a {@link ChatModel}: passes events on to the model and follows the
 * connection (lost, reconnected, closed) in its properties. A ParleySession calls it on the FX
 * thread (its callback executor is {@code Platform::runLater}).
 */
final class ChatModelListener implements SessionListener {
    private final ChatModel model;

    ChatModelListener(ChatModel model) {
        this.model = model;
    }

    @Override
    public void onEvent(ChatEvent.Push event) {
        model.apply(event);
    }

    @Override
    public void onE2e(E2eEvent event) {
        model.applyE2e(event);
    }

    @Override
    public void onRoom(RoomEvent event) {
        model.applyRoom(event);
    }

    @Override
    public void onKeysUpdated(KeyUpdates counts) {
        model.keyUpdates().set(counts);
    }

    @Override
    public void onConnectionLost(String reason) {
        model.disconnectReason().set(reason);
        model.connected().set(false);
    }

    @Override
    public void onReconnected(ParleyClient client, List<ChatEvent.JoinedRoom> rejoined) {
        rejoined.forEach(model::rejoined);
        model.keyUpdates().set(client.keyUpdates());
        model.liveClient().set(client);
        model.connected().set(true);
    }

    /** A room the reconnect could not rejoin (refused for good): marked as when the user is kicked from it. */
    @Override
    public void onRoomDropped(String room, RequestFailedException refusal) {
        model.dropped(room, refusal);
    }

    /**
     * A reconnect refused because the server's key changed is shown as at login: the red warning
     * ({@link ChatModel#serverKeyChanged}, which the main window shows) and a short status in the
     * user's language instead of the library's English text.
     */
    @Override
    public void onClosed(String reason, Optional<ClientException> cause) {
        switch (cause.orElse(null)) {
            case ServerKeyChangedException changed -> {
                onClosed(ServerTexts.KEY_CHANGED);
                model.serverKeyChanged().set(changed);
            }
            case LoginFailedException refused -> onClosed(ServerTexts.SESSION_KEY_REFUSED);
            case ServerNotTrustedException untrusted -> onClosed(ServerTexts.NOT_TRUSTED);
            case null, default -> onClosed(reason);
        }
    }

    @Override
    public void onClosed(String reason) {
        model.autoReconnect().set(false);
        model.disconnectReason().set(reason);
        model.connected().set(false);
    }
}
