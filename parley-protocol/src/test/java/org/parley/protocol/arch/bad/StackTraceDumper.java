package org.parley.protocol.arch.bad;

/** Dumps a stack trace instead of reporting a typed error. */
public final class StackTraceDumper {
    public void report(IllegalStateException failure) {
        failure.printStackTrace();
    }
}
