package org.parley.protocol.record;

/**
 * Limits and options of the record layer.
 *
 * <p><b>Security.</b> The sending limits bound how much one traffic key protects; the receiving
 * limits make a receiver refuse what no honest sender produces: more than
 * {@code recordsReceivedPerKey} records under one key without a KeyUpdate, or more than
 * {@link #MAX_PADDING} bytes of padding (docs/PROTOCOL.md, Section 10.2).
 *
 * @param recordsPerKey records sent under one traffic key before an automatic key update
 * @param bytesPerKey plaintext bytes sent under one traffic key before an automatic key update
 * @param maxMessageSize largest application message accepted (reassembled from fragments);
 *     checked before buffering each fragment
 * @param paddingBlock pad every record's inner plaintext to a multiple of this many bytes to hide
 *     message lengths; 0 or 1 disables padding; at most 256
 * @param recordsReceivedPerKey records the peer may send under one traffic key; the record after
 *     them is rejected unless a KeyUpdate came first. The protocol's value is the hard cap
 *     {@link #MAX_RECORDS_PER_KEY}, which every conforming sender stays within; a lower value
 *     breaks peers configured with a larger {@code recordsPerKey} and exists for tests
 */
public record RecordLimits(long recordsPerKey, long bytesPerKey, int maxMessageSize, int paddingBlock,
        long recordsReceivedPerKey) {

    /** Largest content in one record. */
    public static final int MAX_RECORD_CONTENT = 16384;

    /** Most zero bytes of padding after the inner type; a padding block of 256 needs at most 255. */
    public static final int MAX_PADDING = 255;

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
        if (paddingBlock < 0 || paddingBlock > MAX_PADDING + 1) {
            throw new IllegalArgumentException("paddingBlock out of range 0.." + (MAX_PADDING + 1));
        }
        if (recordsReceivedPerKey < 1 || recordsReceivedPerKey > MAX_RECORDS_PER_KEY) {
            throw new IllegalArgumentException("recordsReceivedPerKey out of range 1.." + MAX_RECORDS_PER_KEY);
        }
    }

    /**
     * Defaults: key update every 2^20 records or 2^34 bytes, 1 MiB messages, no padding; accept up
     * to the hard cap of 2^23 records per key from the peer.
     */
    public static RecordLimits defaults() {
        return new RecordLimits(1L << 20, 1L << 34, 1024 * 1024, 0, MAX_RECORDS_PER_KEY);
    }

    public RecordLimits withPaddingBlock(int block) {
        return new RecordLimits(recordsPerKey, bytesPerKey, maxMessageSize, block, recordsReceivedPerKey);
    }

    public RecordLimits withKeyUpdateAfter(long records, long bytes) {
        return new RecordLimits(records, bytes, maxMessageSize, paddingBlock, recordsReceivedPerKey);
    }

    public RecordLimits withMaxMessageSize(int size) {
        return new RecordLimits(recordsPerKey, bytesPerKey, size, paddingBlock, recordsReceivedPerKey);
    }

    /**
     * The same limits, accepting at most {@code records} records per key from the peer. Only for
     * tests: a value below the peer's {@code recordsPerKey} fails honest connections.
     */
    public RecordLimits withRecordsReceivedPerKey(long records) {
        return new RecordLimits(recordsPerKey, bytesPerKey, maxMessageSize, paddingBlock, records);
    }
}
