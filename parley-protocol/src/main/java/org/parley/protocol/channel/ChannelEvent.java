package org.parley.protocol.channel;

import org.parley.crypto.Bytes;

/** What {@link SecureChannel#receive} reports to the layer above. */
public sealed interface ChannelEvent {

    /** The handshake finished; application messages may flow. */
    record HandshakeCompleted(SessionInfo session) implements ChannelEvent {
    }

    /** One whole application message, reassembled from its records. */
    record MessageReceived(Bytes message) implements ChannelEvent {
    }

    /** The peer ratcheted its sending key; {@code requested} if it asked us to ratchet too. */
    record PeerKeyUpdated(boolean requested) implements ChannelEvent {
    }

    /** The peer closed the channel with an authenticated close_notify. */
    record PeerClosed() implements ChannelEvent {
    }
}
