package org.parley.protocol.arch.bad;

/** Writes to System.err. */
public final class ErrorPrinter {
    public void report(String line) {
        System.err.println(line);
    }
}
