package org.parley.bench.jmh;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/** What the in-memory fan-out benchmarks share: established server channels, and the room message they send. */
final class InMemoryRoom {
    private InMemoryRoom() {
    }

    /** {@code members} server channels, each with its handshake to a client channel completed in memory (MODERN). */
    static List<SecureChannel> establishedServers(int members) throws ParleyException {
        SecureRandom random = new SecureRandom();
        ServerCredentials credentials = new ServerCredentials(Map.of(SignatureComponent.ED25519,
                SignatureAlgorithm.ED25519.create().generate(random)));
        List<SecureChannel> servers = new ArrayList<>(members);
        for (int i = 0; i < members; i++) {
            SecureChannel client = SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), (a, k) -> { },
                    random, RecordLimits.defaults()));
            SecureChannel server = SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), credentials,
                    random, RecordLimits.defaults()));
            for (int round = 0; round < 10 && server.state() != SecureChannel.State.ESTABLISHED; round++) {
                for (Bytes frame : client.drainOutbound()) {
                    server.receive(frame.asReadOnlyBuffer());
                }
                for (Bytes frame : server.drainOutbound()) {
                    client.receive(frame.asReadOnlyBuffer());
                }
            }
            client.drainOutbound();
            if (server.state() != SecureChannel.State.ESTABLISHED) {
                throw new IllegalStateException("in-memory handshake did not complete");
            }
            servers.add(server);
        }
        return servers;
    }

    /** A room message with a 100-byte text, as the fan-out scenario sends. */
    static ChatEvent.RoomMessage hundredByteMessage(long id) {
        byte[] body = new byte[100];
        Arrays.fill(body, (byte) 'x');
        return new ChatEvent.RoomMessage("lobby", new StoredMessage(id, 1_700_000_000_000L, "alice", ContentType.TEXT,
                Bytes.wrapOwned(body)), false);
    }
}
