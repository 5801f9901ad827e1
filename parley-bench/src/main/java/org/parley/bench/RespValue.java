package org.parley.bench;

import java.util.List;

/** A RESP2 reply or push, as the benchmark's Redis client decodes it. */
sealed interface RespValue {

    /** {@code +OK}, or an integer {@code :N}, kept as text. */
    record Simple(String text) implements RespValue {
    }

    /** {@code -ERR ...}. */
    record Error(String text) implements RespValue {
    }

    /** A bulk string, {@code null} for the null bulk string. The array is the decoder's own copy. */
    record Bulk(byte[] bytes) implements RespValue {
    }

    record Array(List<RespValue> items) implements RespValue {
    }
}
