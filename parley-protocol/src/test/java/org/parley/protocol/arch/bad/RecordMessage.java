package org.parley.protocol.arch.bad;

/** A well-behaved message, to show the record rule accepts records. */
public record RecordMessage(String text) implements Message {
}
