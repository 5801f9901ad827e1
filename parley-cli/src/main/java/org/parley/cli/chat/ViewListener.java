package org.parley.cli.chat;

import java.util.function.Consumer;
import org.parley.client.ClientListener;
import org.parley.protocol.chat.ChatEvent;

/**
 * Passes what the server pushes to the view, notes live message ids for {@link EchoTracker}, and
 * tells the input loop when the connection ended.
 */
final class ViewListener implements ClientListener {
    private final ChatView view;
    private final EchoTracker echoes;
    private final Consumer<String> onDisconnected;
    private String heldReason;
    private boolean open;

    ViewListener(ChatView view, EchoTracker echoes, Consumer<String> onDisconnected) {
        this.view = view;
        this.echoes = echoes;
        this.onDisconnected = onDisconnected;
    }

    @Override
    public void onEvent(ChatEvent.Push event) {
        view.event(event);
        switch (event) {
            case ChatEvent.RoomMessage m when !m.history() -> echoes.seen(m.message().id());
            case ChatEvent.PrivateMessage m when !m.history() -> echoes.seen(m.message().id());
            default -> {
                // Only live messages acknowledge a send.
            }
        }
    }

    /**
     * Until the login has finished, a disconnection is held back, so a failed login reads
     * {@code error} then {@code disconnected} rather than the other way round.
     */
    @Override
    public void onDisconnected(String reason) {
        synchronized (this) {
            if (!open) {
                heldReason = reason;
                return;
            }
        }
        view.disconnected(reason);
        onDisconnected.accept(reason);
    }

    /** Forgets a disconnection of a probing connection that was closed to ask about first contact. */
    synchronized void discardHeld() {
        heldReason = null;
    }

    /** Login finished: report a held disconnection now and later ones as they happen. */
    void open() {
        String reason;
        synchronized (this) {
            open = true;
            reason = heldReason;
        }
        if (reason != null) {
            view.disconnected(reason);
            onDisconnected.accept(reason);
        }
    }
}
