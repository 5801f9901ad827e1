package org.parley.client;

import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SessionInfo;

/** What a {@link ChannelBridge} reports to the client above it, always on the connection's I/O thread. */
interface ConnectionCallbacks {

    /** The handshake completed; application messages may flow. */
    void onEstablished(SessionInfo session);

    /** One whole application message arrived. */
    void onMessage(Bytes message);

    /** Our or the server's record keys were ratcheted; {@code counts} are the totals so far. */
    void onKeysUpdated(KeyUpdates counts);

    /** The connection ended (called once); {@code cause} says why, for futures still waiting. */
    void onClosed(ClientException cause);
}
