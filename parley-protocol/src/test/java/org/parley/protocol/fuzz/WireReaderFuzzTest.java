package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.wire.WireReader;

/**
 * Drives {@link WireReader} with a fuzzer-chosen sequence of reads, minima and maxima (including
 * nonsensical ones such as negative or inverted bounds) over fuzzer-chosen bytes.
 *
 * <p>Oracle: only ParleyException escapes; the reader never reports more remaining bytes than it
 * was given nor a negative count; every vector returned respects the bounds it was asked for.
 */
class WireReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void readSequencesRespectBoundsAndThrowOnlyParleyExceptions(FuzzedDataProvider data) {
        int operations = data.consumeInt(1, 32);
        int[] ops = new int[operations];
        int[] mins = new int[operations];
        int[] maxes = new int[operations];
        for (int i = 0; i < operations; i++) {
            ops[i] = data.consumeInt(0, 12);
            mins[i] = data.consumeInt(-2, 70_000);
            maxes[i] = data.consumeInt(-2, 70_000);
        }
        byte[] message = data.consumeRemainingAsBytes();
        WireReader reader = WireReader.of(Bytes.copyOf(message));

        ParleyOnly.run(() -> {
            for (int i = 0; i < operations; i++) {
                int before = reader.remaining();
                step(reader, ops[i], mins[i], maxes[i]);
                assertThat(reader.remaining()).isBetween(0, before);
            }
        });

        assertThat(reader.remaining()).isBetween(0, message.length);
    }

    private static void step(WireReader reader, int op, int min, int max) throws ParleyException {
        switch (op) {
            case 0 -> assertThat(reader.u8()).isBetween(0, 0xff);
            case 1 -> assertThat(reader.u16()).isBetween(0, 0xffff);
            case 2 -> assertThat(reader.u24()).isBetween(0, 0xffffff);
            case 3 -> assertThat(reader.u32()).isBetween(0L, 0xffffffffL);
            case 4 -> reader.u64();
            case 5 -> assertThat(reader.fixed(min, "fixed").length()).isEqualTo(min);
            case 6 -> assertThat(reader.vector8("v8", min, max).length()).isBetween(min, max);
            case 7 -> assertThat(reader.vector16("v16", min, max).length()).isBetween(min, max);
            case 8 -> assertThat(reader.vector24("v24", min, max).length()).isBetween(min, max);
            case 9 -> reader.utf8Vector8("s8", min, max);
            case 10 -> reader.utf8Vector16("s16", min, max);
            case 11 -> {
                WireReader sub = reader.subReader16("sub", min, max);
                assertThat(sub.remaining()).isBetween(Math.max(min, 0), max);
                sub.u8();
            }
            default -> reader.expectEnd();
        }
    }
}
