package org.parley.cli.chat;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.parley.client.ClientException;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.SessionListener;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.chat.ChatEvent;

/**
 * Passes what the session reports to the view, notes live message ids for {@link EchoTracker},
 * and tells the input loop when the session ended (it prints {@code disconnected} itself, so that
 * nothing follows it).
 *
 * <p>After a reconnect the server replays each rejoined room's recent history; messages already
 * shown (by id, per room, ids only grow) are not shown twice. A room's messages that arrive while
 * its join is on its way wait in the {@link JoinGate} until {@code joined} is shown.
 */
final class ViewListener implements SessionListener {
    private final ChatView view;
    private final EchoTracker echoes;
    private final JoinGate gate;
    private final Consumer<SessionEnd> onClosed;
    private final Map<String, Long> newestShown = new HashMap<>();
    private volatile Consumer<String> roomDropped = room -> { };

    ViewListener(ChatView view, EchoTracker echoes, JoinGate gate, Consumer<SessionEnd> onClosed) {
        this.view = view;
        this.echoes = echoes;
        this.gate = gate;
        this.onClosed = onClosed;
    }

    @Override
    public void onEvent(ChatEvent.Push event) {
        switch (event) {
            case ChatEvent.RoomMessage m -> {
                if (!firstShowing("#" + m.room(), m.message().id())) {
                    return;
                }
                if (!m.history()) {
                    echoes.seen(m.message().id());
                }
                gate.show(m.room(), () -> view.event(m));
                return;
            }
            case ChatEvent.PrivateMessage m -> {
                if (!firstShowing("@", m.message().id())) {
                    return;
                }
                if (!m.history()) {
                    echoes.seen(m.message().id());
                }
            }
            case ChatEvent.Presence p -> { }
            case ChatEvent.TopicChanged t -> { }
            case ChatEvent.Invited i -> { }
            case ChatEvent.RemovedFromRoom r -> roomDropped.accept(r.room()); // kicked or banned: as after /leave
            case ChatEvent.Notice n -> { }
            case ChatEvent.EnvelopeBatch b -> { }
            case ChatEvent.DeviceChanged d -> { }
            case ChatEvent.RoomLogAppended a -> { }
        }
        view.event(event);
    }

    @Override
    public void onE2e(E2eEvent event) {
        view.e2e(event);
    }

    /**
     * A message sent from this device is shown by the controller from the send's answer, so its
     * copy (if the room layer reports one) is not shown twice.
     */
    @Override
    public void onRoom(RoomEvent event) {
        if (event instanceof RoomEvent.Message m && m.message().outgoing()) {
            return;
        }
        view.room(event);
    }

    @Override
    public void onConnectionLost(String reason) {
        view.connectionLost(reason);
    }

    @Override
    public void onReconnected(ParleyClient client, List<ChatEvent.JoinedRoom> rejoined) {
        echoes.reconnected();
        view.reconnected(rejoined.stream().map(joined -> joined.room().name()).toList());
    }

    /**
     * Where a room this session is no longer in is passed on (the controller, so it stops being the
     * current room): one dropped after a reconnect, or one the user was kicked or banned from.
     */
    void whenRoomDropped(Consumer<String> action) {
        this.roomDropped = action;
    }

    /** The user is told, and the room stops being the current one as after {@code /leave}. */
    @Override
    public void onRoomDropped(String room, RequestFailedException refusal) {
        view.roomDropped(room, refusal.code().name(), refusal.detail());
        roomDropped.accept(room);
    }

    /** Passed on with its typed cause, for the input loop to show (a changed server key as at login). */
    @Override
    public void onClosed(String reason, Optional<ClientException> cause) {
        onClosed.accept(new SessionEnd(reason, cause));
    }

    @Override
    public void onClosed(String reason) {
        onClosed(reason, Optional.empty());
    }

    /** True unless a message with this id (or a newer one) was already shown in this conversation. */
    private synchronized boolean firstShowing(String conversation, long id) {
        String key = conversation.toLowerCase(Locale.ROOT);
        Long newest = newestShown.get(key);
        if (newest != null && id <= newest) {
            return false;
        }
        newestShown.put(key, id);
        return true;
    }
}
