package org.parley.client.e2e;

import java.util.List;
import org.parley.client.ParleyClient;
import org.parley.client.SessionListener;
import org.parley.client.e2ee.E2eEvent;
import org.parley.protocol.chat.ChatEvent;

/** Passes end-to-end events to a recorder and notes "lost" and "reconnected". */
final class ForwardingListener implements SessionListener {
    private final E2eDeviceUnderTest recorder;
    private final List<String> lifecycle;

    ForwardingListener(E2eDeviceUnderTest recorder, List<String> lifecycle) {
        this.recorder = recorder;
        this.lifecycle = lifecycle;
    }

    @Override
    public void onEvent(ChatEvent.Push event) {
    }

    @Override
    public void onE2e(E2eEvent event) {
        recorder.onE2e(event);
    }

    @Override
    public void onConnectionLost(String reason) {
        lifecycle.add("lost");
    }

    @Override
    public void onReconnected(ParleyClient client, List<ChatEvent.JoinedRoom> rejoined) {
        lifecycle.add("reconnected");
    }

    @Override
    public void onClosed(String reason) {
    }
}
