package org.parley.server.net;

import org.parley.protocol.channel.SessionInfo;

/** User event fired through the whole pipeline when the secure channel's handshake completed. */
record ChannelEstablished(SessionInfo session) {
}
