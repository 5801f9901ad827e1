package org.parley.protocol.arch.bad;

/** Writes to System.out. */
public final class ConsolePrinter {
    public void report(String line) {
        System.out.println(line);
    }
}
