package org.parley.lab.scenario;

import java.util.concurrent.atomic.AtomicInteger;
import org.parley.client.ParleyClient;
import org.parley.client.SessionListener;
import org.parley.protocol.chat.ChatEvent;

/** Counts how often a session lost its connection and came back; ignores everything else it reports. */
final class SessionWatch implements SessionListener {
    private final AtomicInteger lost = new AtomicInteger();
    private final AtomicInteger reconnected = new AtomicInteger();

    @Override
    public void onEvent(ChatEvent.Push event) {
    }

    @Override
    public void onConnectionLost(String reason) {
        lost.incrementAndGet();
    }

    @Override
    public void onReconnected(ParleyClient client, java.util.List<ChatEvent.JoinedRoom> rejoined) {
        reconnected.incrementAndGet();
    }

    @Override
    public void onClosed(String reason) {
    }

    int losses() {
        return lost.get();
    }

    int reconnections() {
        return reconnected.get();
    }
}
