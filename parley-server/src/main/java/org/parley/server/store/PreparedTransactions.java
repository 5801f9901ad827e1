package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The writer connection's transaction statements ({@code BEGIN IMMEDIATE}, {@code COMMIT},
 * {@code ROLLBACK}), prepared once and reused by every write transaction, as
 * {@link OpeningTransaction} does with statements prepared each time. Writer thread only.
 *
 * <p>Why: a group commit ran five statements around its INSERTs, each prepared, run and
 * finalized again; with one message outstanding (a lone sender) that preparing was a visible part
 * of the writer's CPU per transaction in the profile (issue 13). The statements are constant text;
 * nothing is bound.
 *
 * <p>The two {@code PRAGMA synchronous} settings of a group commit are <em>not</em> kept prepared:
 * SQLite applies that pragma when the statement is prepared, not when it runs, so running a kept
 * statement again does not reliably set the level (kept, the first group commit ran with
 * {@code FULL}). They are prepared for every use ({@code PreparedTransactionsTest}), and only when
 * the level changes: consecutive group commits leave the connection at {@code NORMAL}, and the next
 * other write sets {@code FULL} again before its {@code BEGIN} (under load most transactions are
 * group commits, and switching the level twice around each was a tenth of the writer's CPU at 64
 * senders). Every write on the writer connection goes through {@link #run} or {@link #runUnsynced},
 * so no other write ever commits at {@code NORMAL}; a checkpoint fsyncs at either level.
 */
final class PreparedTransactions implements AutoCloseable {
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    /** Whether the connection is at {@code synchronous=NORMAL}, where the last group commit left it. */
    private boolean unsyncedLevel;

    private PreparedTransactions(PreparedStatement begin, PreparedStatement commit, PreparedStatement rollback) {
        this.begin = begin;
        this.commit = commit;
        this.rollback = rollback;
    }

    /**
     * Turns the driver's auto-commit off on the writer connection, as soon as it is opened, so that
     * only the store's own statements begin and end its transactions (these, and
     * {@link OpeningTransaction}'s while the store opens). With auto-commit on, sqlite-jdbc follows
     * every statement that finishes without a row by a {@code begin;} of its own, which fails inside
     * the store's {@code BEGIN IMMEDIATE}, or outside one by {@code begin;} and {@code commit;} of an
     * empty transaction: nine SQLite instructions, three steps and four resets per write transaction
     * that change nothing, under 1 µs of a lone commit's 23–27 µs of CPU (without its fsync) and about
     * 5 µs of its 100–140 µs when its caches are cold, as for an echo (issue 13, docs/PERFORMANCE.md,
     * {@code TransactionControlCpuMain}). Turning it off makes the driver open a deferred transaction,
     * which takes no lock and is ended here at once; the driver begins another only in
     * {@code Connection.commit()} or {@code rollback()}, which the store never calls. What SQLite
     * commits, and when, does not change.
     */
    static void leaveTransactionsToTheStore(Connection writer) throws SQLException {
        writer.setAutoCommit(false);
        try (Statement statement = writer.createStatement()) {
            statement.execute("COMMIT");
        }
    }

    /** Prepares the statements on {@code writer}; closes what it prepared if one fails. */
    static PreparedTransactions prepare(Connection writer) throws SQLException {
        String[] sql = {"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK"};
        PreparedStatement[] prepared = new PreparedStatement[sql.length];
        try {
            for (int i = 0; i < sql.length; i++) {
                prepared[i] = writer.prepareStatement(sql[i]);
            }
        } catch (SQLException e) {
            for (PreparedStatement statement : prepared) {
                if (statement != null) {
                    try {
                        statement.close();
                    } catch (SQLException closing) {
                        e.addSuppressed(closing);
                    }
                }
            }
            throw e;
        }
        return new PreparedTransactions(prepared[0], prepared[1], prepared[2]);
    }

    /** {@code BEGIN IMMEDIATE}, the work, {@code COMMIT} with {@code synchronous=FULL}; {@code ROLLBACK} if either throws. */
    <T> T run(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
        if (unsyncedLevel) {
            setLevel(writer, "FULL");
            unsyncedLevel = false;
        }
        return transaction(writer, work);
    }

    /**
     * As {@link #run}, with a COMMIT that does not wait for the fsync ({@code synchronous=NORMAL},
     * kept until the next {@link #run}).
     */
    <T> T runUnsynced(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
        if (!unsyncedLevel) {
            setLevel(writer, "NORMAL");
            unsyncedLevel = true;
        }
        return transaction(writer, work);
    }

    private static void setLevel(Connection writer, String level) throws SQLException {
        try (Statement statement = writer.createStatement()) {
            statement.execute("PRAGMA synchronous=" + level);
        }
    }

    private <T> T transaction(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
        begin.execute();
        try {
            T value = work.apply(writer);
            commit.execute();
            return value;
        } catch (SQLException | StoreException | RuntimeException e) {
            try {
                rollback.execute();
            } catch (SQLException failed) {
                e.addSuppressed(failed);
            }
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : new PreparedStatement[] {begin, commit, rollback}) {
            try {
                statement.close();
            } catch (SQLException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
