package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;

/**
 * The write-ahead log that {@link SqliteDatabase#syncLog} keeps open is the log SQLite writes to,
 * also after a checkpoint emptied it: the descriptor never points at a removed file (Linux: read
 * from {@code /proc/self/fd}).
 */
class LogChannelTest {
    @TempDir
    Path dir;

    @Test
    void theLogKeptOpenForItsFsyncsIsStillTheLogFileAfterACheckpointTruncatedIt() throws Exception {
        assumeTrue(Files.isDirectory(Path.of("/proc/self/fd")), "needs /proc/self/fd");
        Path file = dir.resolve("parley.db");
        Path log = dir.resolve("parley.db-wal").toAbsolutePath();
        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            GroupCommit groupCommit = new GroupCommit(database, 10);
            groupCommit.append("lobby", "carol", ContentType.TEXT, Bytes.fromHex("01"), 1).join();
            assertThat(descriptorsOf(log)).isNotEmpty();

            // The store's own checkpoint thread may be running a checkpoint at that moment (busy): try again.
            await().atMost(Duration.ofSeconds(20)).until(() -> truncateLog(file));
            assertThat(Files.size(log)).isZero();
            groupCommit.append("lobby", "carol", ContentType.TEXT, Bytes.fromHex("02"), 2).join();

            assertThat(Files.size(log)).isPositive();
            assertThat(descriptorsOf(log)).isNotEmpty().allSatisfy(target -> assertThat(target).isEqualTo(log.toString()));
        }
    }

    /** A TRUNCATE checkpoint from another connection; true if it was not busy (the log is then empty). */
    private static boolean truncateLog(Path file) throws SQLException {
        try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement statement = other.createStatement()) {
            statement.execute("PRAGMA busy_timeout=10000");
            try (ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(TRUNCATE)")) {
                return result.next() && result.getInt(1) == 0;
            }
        }
    }

    /** The targets of this process's descriptors that name the log, a removed one with " (deleted)" appended. */
    private static List<String> descriptorsOf(Path log) throws IOException {
        List<String> targets = new ArrayList<>();
        try (Stream<Path> descriptors = Files.list(Path.of("/proc/self/fd"))) {
            for (Path descriptor : descriptors.toList()) {
                try {
                    String target = Files.readSymbolicLink(descriptor).toString();
                    if (target.startsWith(log.toString())) {
                        targets.add(target);
                    }
                } catch (IOException closedMeanwhile) {
                    // the descriptor of the listing itself, or one closed since
                }
            }
        }
        return targets;
    }
}
