package org.parley.protocol.record;

/**
 * Limits and options of the record layer.
 *
 * @param recordsPerKey records sent under one traffic key before an automatic key update
 * @param bytesPerKey plaintext bytes sent under one traffic key before an automatic key update
 * @param maxMessageSize largest application message accepted (reassembled from fragments);
 *     checked before buffering each fragment
 * @param paddingBlock pad every record's inner plaintext to a multiple of this many bytes to hide
 *     message lengths; 0 or 1 disables padding; at most 256
 */
public record RecordLimits(long recordsPerKey, long bytesPerKey, int maxMessageSize, int paddingBlock) {

    /** Largest content in one record. */
    public static final int MAX_RECORD_CONTENT = 16384;

    /** Hard cap on records per key, well inside AES-GCM's confidentiality limit (2^24.5 full records). */
    public static final long MAX_RECORDS_PER_KEY = 1L << 23;

    /** Hard cap on application message size. */
    public static final int MAX_MESSAGE_SIZE = 16 * 1024 * 1024;

    public RecordLimits {
        if (recordsPerKey < 1 || recordsPerKey > MAX_RECORDS_PER_KEY) {
            throw new IllegalArgumentException("recordsPerKey out of range 1.." + MAX_RECORDS_PER_KEY);
        }
        if (bytesPerKey < 1) {
            throw new IllegalArgumentException("bytesPerKey must be positive");
        }
        if (maxMessageSize < 1 || maxMessageSize > MAX_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize out of range 1.." + MAX_MESSAGE_SIZE);
        }
        if (paddingBlock < 0 || paddingBlock > 256) {
            throw new IllegalArgumentException("paddingBlock out of range 0..256");
        }
    }

    /** Defaults: key update every 2^20 records or 2^34 bytes, 1 MiB messages, no padding. */
    public static RecordLimits defaults() {
        return new RecordLimits(1L << 20, 1L << 34, 1024 * 1024, 0);
    }

    public RecordLimits withPaddingBlock(int block) {
        return new RecordLimits(recordsPerKey, bytesPerKey, maxMessageSize, block);
    }

    public RecordLimits withKeyUpdateAfter(long records, long bytes) {
        return new RecordLimits(records, bytes, maxMessageSize, paddingBlock);
    }

    public RecordLimits withMaxMessageSize(int size) {
        return new RecordLimits(recordsPerKey, bytesPerKey, size, paddingBlock);
    }
}
