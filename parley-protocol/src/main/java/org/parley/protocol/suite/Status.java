package org.parley.protocol.suite;

/** How strongly Parley recommends a suite component. */
public enum Status {
    /** Preferred today; in the MODERN preset. */
    RECOMMENDED,
    /** At least 112-bit secure but slower, older or with sharper edges; offered in COMPATIBLE only. */
    ACCEPTABLE
}
