package org.parley.client.e2e;

import org.parley.client.ParleyClient;

/** A logged-in test user: the client, what it received, and the display name the server confirmed. */
record Chatter(ParleyClient client, RecordingListener listener, String name) {
}
