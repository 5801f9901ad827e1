package org.parley.lab;

import java.util.Set;

/**
 * One attack. {@link #run} performs it against {@code variant} and narrates into the trace; the
 * verdict comes from what the attacked parties actually did, never from a constant.
 */
public interface Scenario {

    /** The command-line name, for example {@code bitflip-record}. */
    String name();

    /** The variants this attack can be run against; always contains {@link Variant#PARLEY}. */
    Set<Variant> variants();

    /** The verdict this lab expects (and the test suite asserts) against {@code variant}. */
    Verdict expected(Variant variant);

    /** Runs the attack; throws only if the lab itself could not carry it out. */
    Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception;
}
