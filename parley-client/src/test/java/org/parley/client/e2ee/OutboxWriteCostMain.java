package org.parley.client.e2ee;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.crypto.Bytes;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;

/**
 * What the write-ahead outbox (docs/E2EE.md 20.3, "Across a restart") adds to the storage work of
 * one private end-to-end send on the client: a short message to three devices (two of the peer,
 * one of the sender's own), each session stored as before the outbox, against the same plus the
 * outbox's entry written with the three sessions, written again without them, and deleted after
 * the answer. Both in one JVM on one device directory on the disk under {@code java.io.tmpdir},
 * alternated round by round; per send, the wall time (fsync-bound: every write is a file fsync,
 * a rename and a directory fsync) and the CPU time of the sending thread. The sessions are random
 * bytes of a classic session's stored size (no skipped keys), the envelopes of a short message's.
 * Then the same for an encrypted-room send in a room of 100 member devices: the room state stored,
 * against the outbox's entry written before it and deleted after the answer.
 * 6 rounds, the first 2 discarded as warm-up. A measurement, not a test.
 *
 * <pre>TEST_MODULE=parley-client TEST_CLASSES="parley-client parley-e2ee parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.client.e2ee.OutboxWriteCostMain</pre>
 */
public final class OutboxWriteCostMain {
    private static final int ROUNDS = 6;
    private static final int WARM_UP_ROUNDS = 2;
    private static final int SENDS_PER_ROUND = 300;
    private static final int SESSION_BYTES = 420;
    private static final int ENVELOPE_BYTES = 300;
    /** {@code rooms/<room>/state} of a room of 100 member devices: its room session (the log has its own file, written only when it grows). */
    private static final int ROOM_STATE_BYTES = 10_000;
    private static final int ROOM_ENVELOPE_BYTES = 250;
    private static final String ROOM_FILE = "rooms/7465616d/state";
    private static final List<String> SESSION_FILES = List.of("sessions/bob.3", "sessions/bob.4", "sessions/alice.2");

    private OutboxWriteCostMain() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        Path root = Files.createTempDirectory("parley-outbox-cost");
        DeviceDirectory directory = DeviceDirectory.open(root.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        List<byte[]> sessions = new ArrayList<>();
        for (int i = 0; i < SESSION_FILES.size(); i++) {
            sessions.add(randomBytes(random, SESSION_BYTES));
        }
        PendingSend send = new PendingSend("bob",
                List.of(target("bob", 3, random), target("bob", 4, random), target("alice", 2, random)),
                SendId.random(random), new E2eMessage("bob", "alice", 1, true, E2eSuite.CLASSIC, "00112233445566778899aabbccddeeff",
                        Instant.now(), "see you at the station at nine", false), Instant.now());
        System.out.printf(Locale.ROOT, "%s, java.io.tmpdir %s, %d sends per round, microseconds per send%n",
                System.getProperty("os.arch"), System.getProperty("java.io.tmpdir"), SENDS_PER_ROUND);
        System.out.println("private send: round, wall without / with the outbox, CPU without / with");
        for (int round = 0; round < ROUNDS; round++) {
            double[] before = perSend(threads, () -> storeSessions(directory, sessions));
            double[] after = perSend(threads, () -> {
                List<PendingSendCodec.Redo> redo = new ArrayList<>();
                for (int i = 0; i < sessions.size(); i++) {
                    redo.add(new PendingSendCodec.Redo(SESSION_FILES.get(i), SecretBytes.copyOf(sessions.get(i))));
                }
                String file = outbox.prepare(send, redo);
                redo.forEach(r -> r.state().close());
                storeSessions(directory, sessions);
                outbox.commit(file, send);
                outbox.delete(file);
            });
            print(round, before, after);
        }
        byte[] roomState = randomBytes(random, ROOM_STATE_BYTES);
        PendingRoomSend roomSend = new PendingRoomSend("team", Bytes.wrapOwned(randomBytes(random, ROOM_ENVELOPE_BYTES)),
                SendId.random(random), new E2eRoomMessage("team", "alice", 1, true, "00112233445566778899aabbccddeeff", 0, 1,
                        Instant.now(), "see you at the station at nine", false), Instant.now());
        System.out.println("encrypted-room send: round, wall without / with the outbox, CPU without / with");
        for (int round = 0; round < ROUNDS; round++) {
            double[] before = perSend(threads, () -> directory.write(ROOM_FILE, roomState));
            double[] after = perSend(threads, () -> {
                String file = outbox.keep(roomSend);
                directory.write(ROOM_FILE, roomState);
                outbox.delete(file);
            });
            print(round, before, after);
        }
    }

    private static void print(int round, double[] before, double[] after) {
        System.out.printf(Locale.ROOT, "%s %d  wall %6.0f / %6.0f µs (+%.0f %%)  cpu %7.1f / %7.1f µs%n",
                round < WARM_UP_ROUNDS ? "warm" : "    ", round, before[0], after[0], 100 * (after[0] / before[0] - 1),
                before[1], after[1]);
    }

    private static void storeSessions(DeviceDirectory directory, List<byte[]> sessions) throws Exception {
        for (int i = 0; i < sessions.size(); i++) {
            directory.write(SESSION_FILES.get(i), sessions.get(i));
        }
    }

    /** Wall and thread-CPU microseconds per run of {@code send}. */
    private static double[] perSend(ThreadMXBean threads, Send send) throws Exception {
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        for (int i = 0; i < SENDS_PER_ROUND; i++) {
            send.run();
        }
        return new double[] {(System.nanoTime() - wall) / 1e3 / SENDS_PER_ROUND,
                (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / SENDS_PER_ROUND};
    }

    private static EnvelopeTarget target(String user, long device, SecureRandom random) {
        return new EnvelopeTarget(user, device, Bytes.wrapOwned(randomBytes(random, ENVELOPE_BYTES)));
    }

    private static byte[] randomBytes(SecureRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private interface Send {
        void run() throws Exception;
    }
}
