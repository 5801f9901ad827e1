package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.SendId;

/**
 * The packed sends of one {@code send_batches} row: what is written reads back the same, and a blob
 * that breaks the layout in any way is a {@link StoreException}, never a partial list.
 */
class SendBatchCodecTest {
    private static final long AT = 1_000_000L;

    private static StoredSend send(String account, int n, long answered, long at) {
        return new StoredSend(new SendMark(account, new SendId(Bytes.fromHex("%032x".formatted(n))),
                Bytes.fromHex("%064x".formatted(n + 7))), answered, at);
    }

    private static byte[] one() {
        return SendBatchCodec.encode(List.of(send("alice", 1, 5, AT)));
    }

    private static void refused(byte[] blob, long rowAt) {
        assertThatThrownBy(() -> SendBatchCodec.decode(blob, rowAt)).isInstanceOf(StoreException.class)
                .hasMessageStartingWith("a malformed send batch in the database");
    }

    @Test
    void sendsReadBackInTheirOrderWithTheirOwnTimes() throws Exception {
        List<StoredSend> sends = List.of(send("alice", 1, 5, AT - 3), send("密谈" + "x".repeat(58), 2, 6, AT),
                send("bob", 3, Long.MAX_VALUE, AT - 1));

        assertThat(SendBatchCodec.decode(SendBatchCodec.encode(sends), AT)).containsExactlyElementsOf(sends);
    }

    @Test
    void aFullBatchOfTheLongestAccountsReadsBack() throws Exception {
        String longest = "ﷺ".repeat(SendBatchCodec.MAX_ACCOUNT_BYTES / 3) + "ab";
        List<StoredSend> sends = new ArrayList<>();
        for (int i = 1; i <= SendBatchCodec.MAX_SENDS; i++) {
            sends.add(send(longest, i, i, AT));
        }

        assertThat(SendBatchCodec.decode(SendBatchCodec.encode(sends), AT)).containsExactlyElementsOf(sends);
    }

    @Test
    void nothingPastTheBoundsIsWritten() {
        List<StoredSend> tooMany = new ArrayList<>();
        for (int i = 1; i <= SendBatchCodec.MAX_SENDS + 1; i++) {
            tooMany.add(send("alice", i, i, AT));
        }
        assertThatThrownBy(() -> SendBatchCodec.encode(tooMany)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SendBatchCodec.encode(List.of())).isInstanceOf(IllegalArgumentException.class);
        String tooLong = "a".repeat(SendBatchCodec.MAX_ACCOUNT_BYTES + 1);
        assertThatThrownBy(() -> SendBatchCodec.encode(List.of(send(tooLong, 1, 1, AT))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyTruncationAndTrailingBytesAreRefused() {
        byte[] blob = SendBatchCodec.encode(List.of(send("alice", 1, 5, AT), send("bob", 2, 6, AT)));
        for (int length = 0; length < blob.length; length++) {
            refused(Arrays.copyOf(blob, length), AT);
        }
        refused(Arrays.copyOf(blob, blob.length + 1), AT);
        refused(null, AT);
    }

    @Test
    void anotherLayoutVersionIsRefused() {
        byte[] blob = one();
        blob[0] = 2;
        refused(blob, AT);
    }

    @Test
    void aCountOfZeroOrPastTheMaximumIsRefusedBeforeReading() {
        byte[] blob = one();
        ByteBuffer.wrap(blob).putShort(1, (short) 0);
        refused(blob, AT);
        ByteBuffer.wrap(blob).putShort(1, (short) (SendBatchCodec.MAX_SENDS + 1));
        refused(blob, AT);
        ByteBuffer.wrap(blob).putShort(1, (short) 0xFFFF);
        refused(blob, AT);
    }

    @Test
    void anAccountEmptyOverItsMaximumOrNotUtf8IsRefused() {
        byte[] blob = one();
        ByteBuffer.wrap(blob).putShort(3, (short) 0);
        refused(blob, AT);
        ByteBuffer.wrap(blob).putShort(3, (short) (SendBatchCodec.MAX_ACCOUNT_BYTES + 1));
        refused(blob, AT);
        byte[] notUtf8 = one();
        notUtf8[5] = (byte) 0xC0; // "alice" starts at offset 5: an overlong lead byte
        refused(notUtf8, AT);
    }

    @Test
    void aSendNewerThanItsRowOrWithAnAllZeroSendIdIsRefused() {
        refused(one(), AT - 1);
        byte[] zeroId = one();
        Arrays.fill(zeroId, 5 + "alice".length() + 8, 5 + "alice".length() + 8 + SendId.LENGTH, (byte) 0);
        refused(zeroId, AT);
    }
}
