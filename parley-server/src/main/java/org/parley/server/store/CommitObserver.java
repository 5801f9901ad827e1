package org.parley.server.store;

/**
 * Told about every write transaction the store commits (for the server's metrics). Called on the
 * writer thread after COMMIT returned: it must be quick and must not touch the store.
 */
@FunctionalInterface
public interface CommitObserver {

    /** An observer that ignores every commit. */
    static CommitObserver none() {
        return (writes, nanos) -> { };
    }

    /** One transaction committed {@code writes} writes, {@code nanos} from BEGIN to the end of COMMIT. */
    void committed(int writes, long nanos);
}
