package org.parley.lab.scenario;

import org.parley.client.ClientListener;
import org.parley.protocol.chat.ChatEvent;

/** A listener for victims whose pushed events the scenario does not look at. */
enum Quiet implements ClientListener {
    LISTENER;

    @Override
    public void onEvent(ChatEvent.Push event) {
    }

    @Override
    public void onDisconnected(String reason) {
    }
}
