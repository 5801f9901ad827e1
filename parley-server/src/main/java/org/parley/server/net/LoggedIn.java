package org.parley.server.net;

/** User event fired through the whole pipeline when the connection's authentication succeeded. */
record LoggedIn() {
}
