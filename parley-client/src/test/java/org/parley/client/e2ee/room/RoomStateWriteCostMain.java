package org.parley.client.e2ee.room;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/**
 * What storing an encrypted room's state costs per message on the client (docs/E2EE.md 20.7,
 * {@code rooms/<room>/state}): each message sent or read changes the room session and stores it.
 * Before 2026-12-07 the state file held the whole membership log as well and was written whole each
 * time; now the log has its own append-only file and a message writes the session alone.
 * Alternated in one JVM on one device directory, for logs of 200, 2,000 and 20,000 entries of 250
 * bytes (a room of about 100, 1,000 and 10,000 members: an invitation and a join each) with a
 * stored session of 10 KB: wall time and thread CPU (kernel time included) per message, and bytes
 * written. 5 rounds, the first discarded as warm-up. A measurement, not a test.
 *
 * <pre>TEST_MODULE=parley-client TEST_CLASSES="parley-client parley-e2ee parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.client.e2ee.room.RoomStateWriteCostMain</pre>
 */
public final class RoomStateWriteCostMain {
    private static final int ROUNDS = 5;
    private static final int SESSION_BYTES = 10_000;
    private static final int ENTRY_BYTES = 250;

    private RoomStateWriteCostMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        Path root = Files.createTempDirectory("parley-room-state-cost");
        DeviceDirectory directory = DeviceDirectory.open(root.resolve("device"));
        byte[] session = new byte[SESSION_BYTES];
        random.nextBytes(session);
        System.out.printf(Locale.ROOT, "java.io.tmpdir %s; per message: wall / thread CPU, whole state (before) against session only (now)%n",
                System.getProperty("java.io.tmpdir"));
        for (int size : new int[] {200, 2_000, 20_000}) {
            List<Bytes> entries = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                byte[] entry = new byte[ENTRY_BYTES];
                random.nextBytes(entry);
                entries.add(Bytes.wrapOwned(entry));
            }
            RoomStore store = new RoomStore(directory);
            String room = "room-" + size;
            store.save(room, entries, Optional.of(SecretBytes.copyOf(session)));
            int messages = size >= 20_000 ? 40 : 200;
            byte[] whole = legacyState(entries, session);
            for (int round = 0; round < ROUNDS; round++) {
                double[] before = perMessage(threads, messages, () -> directory.write("rooms/legacy-" + size, whole(entries, session)));
                double[] now = perMessage(threads, messages, () -> store.save(room, entries, Optional.of(SecretBytes.copyOf(session))));
                System.out.printf(Locale.ROOT, "%s log %6d entries: %7.0f / %7.0f µs  against %6.0f / %6.0f µs  (%,d against %,d bytes)%n",
                        round == 0 ? "warm" : "    ", size, before[0], before[1], now[0], now[1], whole.length,
                        session.length + 10);
            }
        }
    }

    /** The whole former state (version 1), encoded anew each time as the former store did. */
    private static byte[] whole(List<Bytes> entries, byte[] session) throws Exception {
        return legacyState(entries, session);
    }

    private static byte[] legacyState(List<Bytes> entries, byte[] session) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(entries.size());
            for (Bytes entry : entries) {
                out.writeShort(entry.length());
                out.write(entry.toByteArray());
            }
            out.writeByte(1);
            out.writeInt(session.length);
            out.write(session);
        }
        return bytes.toByteArray();
    }

    private static double[] perMessage(ThreadMXBean threads, int messages, Save save) throws Exception {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < messages; i++) {
            save.run();
        }
        return new double[] {(System.nanoTime() - wall) / 1e3 / messages, (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / messages};
    }

    private interface Save {
        void run() throws Exception;
    }
}
