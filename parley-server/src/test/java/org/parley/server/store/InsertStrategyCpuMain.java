package org.parley.server.store;

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
 * The INSERT's own CPU per row for a group commit of {@code k} rows (issue 13; a measurement, not a
 * test), both ways on one connection and alternating: every row with {@code RETURNING id} (the way
 * before durable5) against the first and last rows with {@code RETURNING id} and the rows between as
 * one JDBC batch ({@link GroupCommit}'s way). Only the inserts are timed (this thread's CPU time),
 * not the COMMIT, the fsync or any hand-off, so the figures do not depend on the disk or the rate.
 * Prints four rounds of {@code k=K all/counted} in µs of CPU per row.
 *
 * <pre>
 * TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.server.store.InsertStrategyCpuMain BATCHES
 * </pre>
 */
public final class InsertStrategyCpuMain {
    private static final String INSERT = "INSERT INTO messages (kind, room, sender, ts, content_type, body) "
            + "VALUES ('ROOM', ?, ?, ?, ?, ?)";
    private static final int[] SIZES = {1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 64};

    private InsertStrategyCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int batches = Integer.parseInt(args[0]);
        Path dir = Files.createTempDirectory("parley-insert-cpu");
        try (SqliteDatabase schema = SqliteDatabase.open(dir.resolve("parley.db"))) {
            // Only the schema is wanted; the measurement uses its own connection.
        }
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("parley.db"));
             Statement settings = connection.createStatement();
             PreparedStatement returning = connection.prepareStatement(INSERT + " RETURNING id");
             PreparedStatement plain = connection.prepareStatement(INSERT)) {
            settings.execute("PRAGMA journal_mode=WAL");
            settings.execute("PRAGMA synchronous=OFF");
            connection.setAutoCommit(false);
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 4; round++) {
                StringBuilder line = new StringBuilder("round " + round + ":");
                for (int k : SIZES) {
                    long[] cpu = new long[2];
                    for (int repeat = 0; repeat < 2; repeat++) {
                        for (int way = 0; way < 2; way++) {
                            for (int b = 0; b < batches; b++) {
                                long start = threads.getCurrentThreadCpuTime();
                                insertBatch(way == 1, k, returning, plain);
                                cpu[way] += threads.getCurrentThreadCpuTime() - start;
                                connection.commit();
                            }
                        }
                    }
                    double rows = 2.0 * batches * k;
                    line.append(String.format(" k=%d %.2f/%.2f", k, cpu[0] / 1e3 / rows, cpu[1] / 1e3 / rows));
                }
                System.out.println(line);
            }
        }
    }

    private static void insertBatch(boolean counted, int k, PreparedStatement returning, PreparedStatement plain)
            throws SQLException {
        if (!counted) {
            for (int i = 0; i < k; i++) {
                insertReturning(returning, i);
            }
            return;
        }
        insertReturning(returning, 0);
        if (k > 2) {
            for (int i = 1; i < k - 1; i++) {
                bind(plain, i);
                plain.addBatch();
            }
            plain.executeBatch();
        }
        if (k > 1) {
            insertReturning(returning, k - 1);
        }
    }

    private static void insertReturning(PreparedStatement returning, int i) throws SQLException {
        bind(returning, i);
        try (var rows = returning.executeQuery()) {
            if (!rows.next()) {
                throw new SQLException("no id returned");
            }
        }
    }

    private static void bind(PreparedStatement insert, int i) throws SQLException {
        insert.setString(1, "room:r" + (i % 64));
        insert.setString(2, "sender");
        insert.setLong(3, System.currentTimeMillis());
        insert.setString(4, "TEXT");
        insert.setBytes(5, new byte[100]);
    }
}
