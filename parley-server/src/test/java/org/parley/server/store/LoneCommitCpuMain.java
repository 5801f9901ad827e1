package org.parley.server.store;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What one group commit of a lone room message costs the writer thread, without its fsync (issue 13;
 * a measurement, not a test): {@code BEGIN IMMEDIATE}, one {@code INSERT … RETURNING id} and
 * {@code COMMIT} at {@code synchronous=NORMAL}, prepared once, as {@link GroupCommit} and
 * {@link PreparedTransactions} run it for a batch of one (an echo, one durable sender). Prints, per
 * commit, this thread's CPU time and its write system calls ({@code syscw} of {@code /proc/self/io}:
 * each log frame is two, its header and its page), for three ways in turn on one connection:
 * {@code messages} as the store creates it ({@code AUTOINCREMENT}); the same columns, indexes and
 * statements on a table without {@code AUTOINCREMENT} (an experiment, not a schema the store has);
 * and {@code BEGIN IMMEDIATE}/{@code COMMIT} with nothing between. The figures do not depend on the
 * disk (no fsync) and barely on the rate; round 0 warms up.
 *
 * <pre>
 * TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.server.store.LoneCommitCpuMain COMMITS
 * </pre>
 */
public final class LoneCommitCpuMain {
    private static final String COLUMNS = "(kind, room, sender, ts, content_type, body) VALUES ('ROOM', ?, ?, ?, ?, ?)";
    private static final String[] WAYS = {"AUTOINCREMENT", "no AUTOINCREMENT", "BEGIN/COMMIT only"};

    private LoneCommitCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("parley-lone-commit");
        try {
            measure(dir, commits);
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static void measure(Path dir, int commits) throws Exception {
        try (SqliteDatabase schema = SqliteDatabase.open(dir.resolve("parley.db"))) {
            // Only the schema (and the page size of a new database) is wanted; the measurement uses its own connection.
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"))) {
            try (Statement settings = connection.createStatement()) {
                settings.execute("PRAGMA journal_mode=WAL");
                settings.execute("PRAGMA synchronous=NORMAL");
                settings.execute("PRAGMA wal_autocheckpoint=" + SqliteDatabase.WAL_BACKSTOP_BYTES / SqliteDatabase.PAGE_SIZE);
                settings.execute("CREATE TABLE plain_ids (id INTEGER PRIMARY KEY, kind TEXT NOT NULL, room TEXT,"
                        + " sender TEXT NOT NULL, recipient TEXT, recipient_key TEXT, pair_low TEXT, pair_high TEXT,"
                        + " ts INTEGER NOT NULL, content_type TEXT NOT NULL, body BLOB NOT NULL)");
                settings.execute("CREATE INDEX plain_ids_by_room ON plain_ids (room, id)");
                settings.execute("CREATE INDEX plain_ids_by_pair ON plain_ids (pair_low, pair_high, id)"
                        + " WHERE pair_low IS NOT NULL");
                settings.execute("CREATE INDEX plain_ids_by_recipient ON plain_ids (recipient_key, id)"
                        + " WHERE recipient_key IS NOT NULL");
            }
            try (PreparedStatement begin = connection.prepareStatement("BEGIN IMMEDIATE");
                 PreparedStatement commit = connection.prepareStatement("COMMIT");
                 PreparedStatement autoIds = connection.prepareStatement("INSERT INTO messages " + COLUMNS + " RETURNING id");
                 PreparedStatement plainIds = connection.prepareStatement("INSERT INTO plain_ids " + COLUMNS + " RETURNING id")) {
                PreparedStatement[] inserts = {autoIds, plainIds, null};
                ThreadMXBean threads = ManagementFactory.getThreadMXBean();
                for (int round = 0; round < 4; round++) {
                    StringBuilder line = new StringBuilder("round " + round + ":");
                    for (int way = 0; way < WAYS.length; way++) {
                        long cpu = threads.getCurrentThreadCpuTime();
                        long writes = writeCalls();
                        for (int i = 0; i < commits; i++) {
                            begin.execute();
                            if (inserts[way] != null) {
                                insert(inserts[way], i);
                            }
                            commit.execute();
                        }
                        line.append(String.format(" %s %.2f µs %.2f writes,", WAYS[way],
                                (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / commits,
                                (double) (writeCalls() - writes) / commits));
                    }
                    System.out.println(line);
                }
            }
        }
    }

    private static void insert(PreparedStatement insert, int i) throws SQLException {
        insert.setString(1, "room:r" + (i % 4));
        insert.setString(2, "sender");
        insert.setLong(3, System.currentTimeMillis());
        insert.setString(4, "TEXT");
        insert.setBytes(5, new byte[100]);
        try (var rows = insert.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("no id returned");
            }
        }
    }

    /** Write system calls of this process so far ({@code syscw}). */
    private static long writeCalls() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
            if (line.startsWith("syscw:")) {
                return Long.parseLong(line.substring("syscw:".length()).trim());
            }
        }
        throw new IOException("no syscw in /proc/self/io");
    }
}
