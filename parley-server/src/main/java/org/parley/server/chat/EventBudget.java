package org.parley.server.chat;

import java.util.List;
import java.util.function.ToLongFunction;
import org.parley.protocol.chat.ChatLimits;

/**
 * Cuts a list to the longest prefix whose encoding fits in one event and that has at most
 * {@link ChatLimits#MAX_LIST_ENTRIES} entries (the codec refuses longer lists).
 *
 * <p>The secure channel refuses to send a message larger than its limit (the same limit that
 * bounds what clients may send), so history pages and listings are filled only while they fit,
 * as docs/protocol-chat-section.md ("Message size") asks; a history page then says {@code more}.
 */
final class EventBudget {
    /** Room kept for the event's own header, request id, conversation and counts. */
    static final int HEADER_RESERVE = 1024;

    private EventBudget() {
    }

    /**
     * The longest prefix of {@code items} whose estimated sizes (an upper bound of each item's
     * encoding) add up to at most {@code maxEventBytes} minus the header reserve, and that has at
     * most {@link ChatLimits#MAX_LIST_ENTRIES} entries.
     */
    static <T> List<T> prefix(int maxEventBytes, ToLongFunction<T> size, List<T> items) {
        long budget = maxEventBytes - HEADER_RESERVE;
        long total = 0;
        int count = 0;
        for (T item : items) {
            total += size.applyAsLong(item);
            if (total > budget || count == ChatLimits.MAX_LIST_ENTRIES) {
                break;
            }
            count++;
        }
        return count == items.size() ? items : items.subList(0, count);
    }

    /** Upper bound of a string's UTF-8 length plus a 2-byte length prefix. */
    static long text(String value) {
        return value.length() * 3L + 2;
    }
}
