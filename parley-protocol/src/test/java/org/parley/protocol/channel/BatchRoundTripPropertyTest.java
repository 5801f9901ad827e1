package org.parley.protocol.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.RecordLimits;

/**
 * Property: any sequence of messages sent with {@link SecureChannel#send(java.util.List, java.nio.ByteBuffer)}
 * to a client that accepts batch records arrives as exactly the same messages in the same order,
 * and the sender never makes a batch record of fewer than two entries. Each case draws its
 * messages from a seeded {@link Random} (sizes biased towards chat-sized messages and the edges
 * around one entry and one record), so a failing seed is reproducible from the test's name.
 */
class BatchRoundTripPropertyTest {
    private static final int[] EDGES = {0, 1, BatchRecords.MAX_ENTRY - 1, BatchRecords.MAX_ENTRY,
        BatchRecords.MAX_ENTRY + 1, RecordLimits.MAX_RECORD_CONTENT, RecordLimits.MAX_RECORD_CONTENT + 1,
        RecordLimits.MAX_RECORD_CONTENT / 2 - BatchRecords.ENTRY_OVERHEAD};

    static LongStream seeds() {
        return LongStream.range(0, 40);
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void anySequenceOfMessagesBatchedThenOpenedIsTheSameSequence(long seed) throws ParleyException {
        Random random = new Random(seed);
        int paddingBlock = random.nextInt(4) == 0 ? 1 + random.nextInt(256) : 0;
        RecordLimits limits = RecordLimits.defaults().withPaddingBlock(paddingBlock);
        BatchChannels channels = new BatchChannels(limits, limits, "property " + seed);
        channels.client().acceptBatchRecords();
        List<Bytes> messages = messages(random);

        List<Bytes> frames = channels.serverSendsBatched(messages);
        List<InnerRecord> records = channels.records(frames);

        assertThat(channels.clientReceives(frames)).containsExactlyElementsOf(messages);
        for (InnerRecord record : records) {
            if (record.type() == InnerType.APPLICATION_BATCH) {
                assertThat(BatchRecords.split(record.content(), RecordLimits.MAX_MESSAGE_SIZE)).as("entries of a batch").hasSizeGreaterThan(1);
            }
        }
        assertThat(records.stream().anyMatch(r -> r.type() == InnerType.APPLICATION_BATCH) || !hasTwoConsecutiveSmall(messages))
                .as("two consecutive messages that fit one record are batched").isTrue();
    }

    private static List<Bytes> messages(Random random) {
        int count = random.nextInt(60);
        List<Bytes> messages = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(20);
            int length = kind == 0 ? EDGES[random.nextInt(EDGES.length)]
                    : kind == 1 ? random.nextInt(40_000)
                    : random.nextInt(300);
            byte[] bytes = new byte[length];
            random.nextBytes(bytes);
            messages.add(Bytes.wrapOwned(bytes));
        }
        return messages;
    }

    private static boolean hasTwoConsecutiveSmall(List<Bytes> messages) {
        for (int i = 1; i < messages.size(); i++) {
            int a = messages.get(i - 1).length();
            int b = messages.get(i).length();
            if (a <= BatchRecords.MAX_ENTRY && b <= BatchRecords.MAX_ENTRY
                    && a + b + 2 * BatchRecords.ENTRY_OVERHEAD <= RecordLimits.MAX_RECORD_CONTENT) {
                return true;
            }
        }
        return false;
    }
}
