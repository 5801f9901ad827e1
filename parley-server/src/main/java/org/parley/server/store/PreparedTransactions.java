package org.parley.server.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * The writer connection's transaction statements ({@code BEGIN IMMEDIATE}, {@code COMMIT},
 * {@code ROLLBACK} and the two {@code synchronous} settings of a group commit), prepared once and
 * reused by every write transaction, as {@link OpeningTransaction} does with statements prepared
 * each time. Writer thread only.
 *
 * <p>Why: a group commit ran five statements around its INSERTs, each prepared, run and
 * finalized again; with one message outstanding (a lone sender) that preparing was about a tenth
 * of the writer's CPU per transaction in the profile (issue 13). The statements are constant
 * text; nothing is bound.
 */
final class PreparedTransactions implements AutoCloseable {
    private final PreparedStatement begin;
    private final PreparedStatement commit;
    private final PreparedStatement rollback;
    private final PreparedStatement syncNormal;
    private final PreparedStatement syncFull;

    private PreparedTransactions(PreparedStatement begin, PreparedStatement commit, PreparedStatement rollback,
                                 PreparedStatement syncNormal, PreparedStatement syncFull) {
        this.begin = begin;
        this.commit = commit;
        this.rollback = rollback;
        this.syncNormal = syncNormal;
        this.syncFull = syncFull;
    }

    /** Prepares the statements on {@code writer}; closes what it prepared if one fails. */
    static PreparedTransactions prepare(Connection writer) throws SQLException {
        String[] sql = {"BEGIN IMMEDIATE", "COMMIT", "ROLLBACK", "PRAGMA synchronous=NORMAL", "PRAGMA synchronous=FULL"};
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
        return new PreparedTransactions(prepared[0], prepared[1], prepared[2], prepared[3], prepared[4]);
    }

    /** {@code BEGIN IMMEDIATE}, the work, {@code COMMIT}; {@code ROLLBACK} if either throws. */
    <T> T run(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
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

    /** As {@link #run}, with a COMMIT that does not wait for the fsync ({@code synchronous=NORMAL} for this one). */
    <T> T runUnsynced(Connection writer, SqlWork<T> work) throws SQLException, StoreException {
        syncNormal.execute();
        try {
            return run(writer, work);
        } finally {
            syncFull.execute();
        }
    }

    @Override
    public void close() throws SQLException {
        SQLException failure = null;
        for (PreparedStatement statement : new PreparedStatement[] {begin, commit, rollback, syncNormal, syncFull}) {
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
