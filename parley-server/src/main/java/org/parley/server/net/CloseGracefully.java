package org.parley.server.net;

/** Outbound message asking {@link SecureChannelHandler} to send close_notify, flush, then close the socket. */
record CloseGracefully(String reason) {
}
