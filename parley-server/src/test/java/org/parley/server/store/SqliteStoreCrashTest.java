package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process that is appending messages with SIGKILL and checks that every message whose
 * append had returned (whose id the child printed) is in the file afterwards, and that the file is
 * sound. Several rounds on the same file, each killed after more acknowledgements.
 */
class SqliteStoreCrashTest {

    private static final Pattern ACK = Pattern.compile("ack (\\d+) ok");
    private static final int ROUNDS = 3;

    @TempDir
    Path dir;

    @Test
    @Timeout(value = 180, unit = TimeUnit.SECONDS)
    void keepsEveryAcknowledgedMessageWhenTheWriterIsKilled() throws Exception {
        Path file = dir.resolve("crash.db");
        Set<Long> acknowledged = new HashSet<>();
        for (int round = 0; round < ROUNDS; round++) {
            int killAfter = 40 + 60 * round;
            Set<Long> acknowledgedThisRound = runAndKill(file, round, killAfter);
            assertThat(acknowledgedThisRound).as("acknowledgements read in round %d", round)
                    .hasSizeGreaterThanOrEqualTo(killAfter);
            acknowledged.addAll(acknowledgedThisRound);

            try (SqliteStore store = SqliteStore.open(file)) {
                assertThat(store.integrityOk()).isTrue();
                assertThat(storedIds(store)).containsAll(acknowledged);
            }
        }
    }

    private Set<Long> runAndKill(Path file, int round, int killAfter) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The driver unpacks its native library into org.sqlite.tmpdir and deletes it at exit; a
        // killed child cannot, so point it at the test's temporary directory.
        Process child = new ProcessBuilder(java, "--enable-native-access=ALL-UNNAMED",
                "-Dorg.sqlite.tmpdir=" + dir, "-cp", System.getProperty("java.class.path"), CrashingAppender.class.getName(), file.toString())
                .redirectError(dir.resolve("child-" + round + ".err").toFile())
                .start();
        Set<Long> ids = new HashSet<>();
        try (BufferedReader out = new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while (ids.size() < killAfter && (line = out.readLine()) != null) {
                record(line, ids);
            }
            // SIGKILL through the process handle: Process.destroyForcibly() would also close our
            // end of the pipe and lose the lines still in it.
            child.toHandle().destroyForcibly();
            assertThat(child.waitFor()).as("exit status of a process killed by SIGKILL").isEqualTo(128 + 9);
            // Lines the child printed before it died were acknowledged too: collect them. A torn
            // last line does not match the pattern and is not counted.
            while ((line = out.readLine()) != null) {
                record(line, ids);
            }
        } finally {
            child.destroyForcibly();
        }
        return ids;
    }

    private static void record(String line, Set<Long> ids) {
        Matcher ack = ACK.matcher(line);
        if (ack.matches()) {
            ids.add(Long.parseLong(ack.group(1)));
        }
    }

    private static Set<Long> storedIds(SqliteStore store) throws StoreException {
        Set<Long> ids = new HashSet<>();
        store.roomHistory("crash", Long.MAX_VALUE, 100_000).forEach(m -> ids.add(m.id()));
        List<MessageStore.PrivateEnvelope> pending = store.undeliveredPrivate("witness", 100_000);
        pending.forEach(e -> ids.add(e.message().id()));
        return ids;
    }
}
