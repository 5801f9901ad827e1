package org.parley.server.store;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.sqlite.ProgressHandler;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteOpenMode;

/**
 * What the control of a lone commit's transaction costs the writer thread, without its fsync (issue 13;
 * a measurement, not a test): prepared {@code BEGIN IMMEDIATE}, one {@code INSERT … RETURNING id} into
 * the store's {@code messages} and prepared {@code COMMIT} at {@code synchronous=NORMAL}, as a group
 * commit of one message runs them, on three databases in turn, each created by {@link SqliteDatabase}:
 * <ol>
 *   <li>the driver's auto-commit on (the store before issue 13's {@code writer} branch): sqlite-jdbc
 *       follows BEGIN and COMMIT by a {@code begin;} of its own, and COMMIT also by {@code commit;};
 *   <li>auto-commit off ({@link PreparedTransactions#leaveTransactionsToTheStore}, the store now);
 *   <li>auto-commit off on SQLite's {@code unix-excl} VFS, an experiment, not a setting of the store:
 *       the process holds the database file exclusively and keeps the log's index in its own memory, so
 *       no {@code fcntl} lock is taken per transaction; other processes (the operator commands) could
 *       then not open the database while the server runs.
 * </ol>
 * {@code warm}: rounds of {@code COMMITS} back to back each way, CPU per commit of this thread (round 0
 * warms up). {@code cold}: first 30,000 commits each way (compiled code, as in a warmed-up server), then
 * one commit each way in turn with {@code MILLIS} ms of sleep before each, as a lone message arrives
 * at an idle writer whose caches other threads have meanwhile used (an echo); CPU per commit.
 * {@code opcodes}: SQLite's virtual-machine instructions per commit each way (a progress handler
 * called at every one), which do not depend on the load.
 *
 * <pre>
 * TEST_MODULE=parley-server TEST_CLASSES="parley-server parley-protocol" source bench/test-classpath.sh
 * java -cp "$TEST_CP" org.parley.server.store.TransactionControlCpuMain warm COMMITS
 * java -cp "$TEST_CP" org.parley.server.store.TransactionControlCpuMain cold COMMITS MILLIS
 * java -cp "$TEST_CP" org.parley.server.store.TransactionControlCpuMain opcodes COMMITS
 * </pre>
 */
public final class TransactionControlCpuMain {
    private static final String[] WAYS = {"auto-commit on", "auto-commit off", "off + unix-excl"};

    private TransactionControlCpuMain() {
    }

    public static void main(String[] args) throws Exception {
        int commits = Integer.parseInt(args[1]);
        Path dir = Files.createTempDirectory("parley-transaction-control");
        try {
            Lone[] ways = new Lone[WAYS.length];
            for (int way = 0; way < WAYS.length; way++) {
                Path file = dir.resolve("way" + way + ".db");
                try (SqliteDatabase schema = SqliteDatabase.open(file)) {
                    // Only the schema and the page size of a new database are wanted.
                }
                ways[way] = new Lone(open(file, way > 0, way == 2));
            }
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            if (args[0].equals("warm")) {
                for (int round = 0; round < 5; round++) {
                    StringBuilder line = new StringBuilder("round " + round + ":");
                    for (int way = 0; way < WAYS.length; way++) {
                        long cpu = threads.getCurrentThreadCpuTime();
                        for (int i = 0; i < commits; i++) {
                            ways[way].commit(i);
                        }
                        line.append(String.format(" %s %.2f µs,", WAYS[way], (threads.getCurrentThreadCpuTime() - cpu) / 1e3 / commits));
                    }
                    System.out.println(line);
                }
            } else if (args[0].equals("opcodes")) {
                for (int way = 0; way < WAYS.length; way++) {
                    long[] opcodes = {0};
                    ProgressHandler.setHandler(ways[way].connection(), 1, new ProgressHandler() {
                        @Override
                        protected int progress() {
                            opcodes[0]++;
                            return 0;
                        }
                    });
                    for (int i = 0; i < commits; i++) {
                        ways[way].commit(i);
                    }
                    ProgressHandler.clearHandler(ways[way].connection());
                    System.out.printf("%s: %.1f virtual-machine instructions of SQLite per commit%n", WAYS[way],
                            (double) opcodes[0] / commits);
                }
            } else {
                int millis = Integer.parseInt(args[2]);
                for (Lone way : ways) {
                    for (int i = 0; i < 30_000; i++) {
                        way.commit(i);
                    }
                }
                long[] cpu = new long[WAYS.length];
                for (int i = 0; i < commits; i++) {
                    for (int way = 0; way < WAYS.length; way++) {
                        Thread.sleep(millis);
                        long start = threads.getCurrentThreadCpuTime();
                        ways[way].commit(i);
                        cpu[way] += threads.getCurrentThreadCpuTime() - start;
                    }
                }
                StringBuilder line = new StringBuilder("cold, " + commits + " commits each, " + millis + " ms apart:");
                for (int way = 0; way < WAYS.length; way++) {
                    line.append(String.format(" %s %.1f µs,", WAYS[way], cpu[way] / 1e3 / commits));
                }
                System.out.println(line);
            }
            for (Lone way : ways) {
                way.connection().close();
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private static Connection open(Path file, boolean autoCommitOff, boolean exclusiveVfs) throws SQLException {
        SQLiteConfig config = new SQLiteConfig();
        String url = "jdbc:sqlite:" + file;
        if (exclusiveVfs) {
            config.setOpenMode(SQLiteOpenMode.OPEN_URI);
            url = "jdbc:sqlite:file:" + file + "?vfs=unix-excl";
        }
        Connection connection = DriverManager.getConnection(url, config.toProperties());
        if (autoCommitOff) {
            PreparedTransactions.leaveTransactionsToTheStore(connection);
        }
        try (Statement settings = connection.createStatement()) {
            settings.execute("PRAGMA journal_mode=WAL");
            settings.execute("PRAGMA synchronous=NORMAL");
        }
        return connection;
    }

    /** One connection's kept statements of a lone commit. */
    private record Lone(Connection connection, PreparedStatement begin, PreparedStatement insert, PreparedStatement commit) {
        Lone(Connection connection) throws SQLException {
            this(connection, connection.prepareStatement("BEGIN IMMEDIATE"),
                    connection.prepareStatement("INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                            + "VALUES ('ROOM', ?, ?, ?, ?, ?) RETURNING id"),
                    connection.prepareStatement("COMMIT"));
        }

        void commit(int i) throws SQLException {
            begin.execute();
            insert.setString(1, "room:r" + (i % 4));
            insert.setString(2, "sender");
            insert.setLong(3, i);
            insert.setString(4, "TEXT");
            insert.setBytes(5, new byte[100]);
            try (ResultSet rows = insert.executeQuery()) {
                if (!rows.next()) {
                    throw new SQLException("no id returned");
                }
            }
            commit.execute();
        }
    }
}
