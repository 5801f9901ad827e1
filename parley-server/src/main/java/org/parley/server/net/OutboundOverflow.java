package org.parley.server.net;

/**
 * User event: more chat events are queued for this connection than its outbound limit allows,
 * so it is a slow reader and is disconnected ({@link SecureChannelHandler}).
 */
record OutboundOverflow() {
}
