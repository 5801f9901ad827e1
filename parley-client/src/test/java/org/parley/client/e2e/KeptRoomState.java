package org.parley.client.e2e;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.RoomSessionCodec;
import org.parley.protocol.chat.StoredMessage;

/**
 * A kicked member's attacker: reads a copy of the member's device directory as docs/E2EE.md
 * §20.7 lays out {@code rooms/<room>/state} and {@code rooms/<room>/log} (read here independently
 * of the client's own code)
 * and tries every envelope with that room session.
 */
final class KeptRoomState {
    private KeptRoomState() {
    }

    /** The texts the kept state opens, in order; every envelope it cannot open is skipped. */
    static List<String> openAll(Path deviceCopy, String user, String room, List<StoredMessage> envelopes) throws Exception {
        Path state;
        try (var files = Files.walk(deviceCopy)) {
            state = files.filter(f -> f.endsWith(Path.of("rooms", room, "state"))).findFirst().orElseThrow();
        }
        ByteBuffer in = ByteBuffer.wrap(Files.readAllBytes(state));
        if (in.get() != 2) {
            throw new IllegalStateException("unknown state version");
        }
        int count = in.getInt();
        if (in.get() != 1) {
            throw new IllegalStateException("the kept copy holds no session for " + user);
        }
        byte[] stored = new byte[in.getInt()];
        in.get(stored);
        ByteBuffer log = ByteBuffer.wrap(Files.readAllBytes(state.resolveSibling("log")));
        if (log.get() != 1) {
            throw new IllegalStateException("unknown log version");
        }
        List<Bytes> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] entry = new byte[Short.toUnsignedInt(log.getShort())];
            log.get(entry);
            entries.add(Bytes.wrapOwned(entry));
        }
        RoomSession session = RoomSessionCodec.decode(SecretBytes.wrapOwned(stored), entries);
        List<String> opened = new ArrayList<>();
        for (StoredMessage envelope : envelopes) {
            try {
                opened.add(session.decrypt(envelope.body()).message().text());
            } catch (RoomException refused) {
                // UNKNOWN_CHAIN after the kick, DUPLICATE_MESSAGE for what the member had read.
            }
        }
        return opened;
    }
}
