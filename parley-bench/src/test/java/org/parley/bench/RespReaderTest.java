package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RespReaderTest {
    private static final String PUSH = "*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$5\r\nhello\r\n";

    /** What a reader handed over, in order: {@code message <hex body>} or {@code value <description>}. */
    private static final class Recorder implements RespReader.Values {
        final List<String> events = new ArrayList<>();
        int messagesInPlace;

        @Override
        public void message(byte[] bytes, int offset, int length) {
            messagesInPlace++;
            events.add("message " + HexFormat.of().formatHex(bytes, offset, offset + length));
        }

        @Override
        public void value(RespValue value) {
            if (isMessagePush(value)) {
                byte[] body = ((RespValue.Bulk) ((RespValue.Array) value).items().get(2)).bytes();
                events.add("message " + HexFormat.of().formatHex(body));
            } else {
                events.add("value " + describe(value));
            }
        }
    }

    @Test
    void aPushSplitAtEveryByteBoundaryIsHandedOverOnceInPlaceThenTheReplyAfterIt() {
        byte[] bytes = ascii(PUSH + ":12\r\n");
        for (int split = 1; split < bytes.length; split++) {
            RespReader reader = new RespReader();
            Recorder recorder = new Recorder();
            reader.append(Unpooled.wrappedBuffer(bytes, 0, split), recorder);
            reader.append(Unpooled.wrappedBuffer(bytes, split, bytes.length - split), recorder);
            assertThat(recorder.events).as("split at %d", split).containsExactly(message("hello"), "value +12");
            assertThat(recorder.messagesInPlace).as("split at %d", split).isOne();
        }
    }

    @Test
    void aPushFedOneByteAtATimeIsHandedOverOnceItsLastByteArrives() {
        byte[] bytes = ascii(PUSH);
        RespReader reader = new RespReader();
        Recorder recorder = new Recorder();
        for (int i = 0; i < bytes.length; i++) {
            assertThat(recorder.events).as("after %d bytes", i).isEmpty();
            reader.append(Unpooled.wrappedBuffer(bytes, i, 1), recorder);
        }
        assertThat(recorder.events).containsExactly(message("hello"));
    }

    @Test
    void severalPushesInOneBufferAreHandedOverInOrder() {
        Recorder recorder = read(push("bench", "1:0:5:x") + push("bench", "1:1:6:yy") + push("other", ""));
        assertThat(recorder.events).containsExactly(message("1:0:5:x"), message("1:1:6:yy"), message(""));
        assertThat(recorder.messagesInPlace).isEqualTo(3);
    }

    @Test
    void aPushFollowedByOrdinaryRepliesHandsEachReplyToTheDecoderInOrder() {
        Recorder recorder = read("*3\r\n$9\r\nsubscribe\r\n$5\r\nbench\r\n:1\r\n" + PUSH
                + "$15\r\n1700000000000-0\r\n-ERR wrong\r\n" + PUSH + "+OK\r\n");
        assertThat(recorder.events).containsExactly("value [subscribe, bench, +1]", message("hello"),
                "value 1700000000000-0", "value -ERR wrong", message("hello"), "value +OK");
    }

    @Test
    void theBodyIsHandedOverIntactWhateverBytesItHolds() {
        byte[] body = new byte[256 * 3];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i;
        }
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        stream.writeBytes(ascii("*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$" + body.length + "\r\n"));
        stream.writeBytes(body);
        stream.writeBytes(ascii("\r\n"));
        RespReader reader = new RespReader();
        List<byte[]> bodies = new ArrayList<>();
        reader.append(Unpooled.wrappedBuffer(stream.toByteArray()), new RespReader.Values() {
            @Override
            public void message(byte[] bytes, int offset, int length) {
                bodies.add(Arrays.copyOfRange(bytes, offset, offset + length));
            }

            @Override
            public void value(RespValue value) {
                throw new AssertionError("not a push: " + value);
            }
        });
        assertThat(bodies).singleElement().isEqualTo(body);
    }

    @Test
    void aPushInAnotherFormGoesToTheDecoderAndIsStillAMessage() {
        Recorder recorder = read("*3\r\n$7\r\nmessage\r\n$+5\r\nbench\r\n$5\r\nhello\r\n"
                + "*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$-1\r\n");
        assertThat(recorder.events).containsExactly(message("hello"), "value [message, bench, null]");
        assertThat(recorder.messagesInPlace).isZero();
    }

    @Test
    void aPushWithABodyLongerThanTheMaximumIsRefusedBeforeItArrives() {
        RespReader reader = new RespReader();
        assertThatThrownBy(() -> reader.append(Unpooled.copiedBuffer("*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$"
                + (RespDecoder.MAX_BULK + 1) + "\r\n", StandardCharsets.US_ASCII), new Recorder()))
                .isInstanceOf(DecoderException.class).hasMessageContaining("out of bounds");
    }

    @Test
    void aPushWhoseBodyIsNotEndedByCrlfIsRefused() {
        RespReader reader = new RespReader();
        assertThatThrownBy(() -> reader.append(Unpooled.copiedBuffer("*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$5\r\nhelloXY",
                StandardCharsets.US_ASCII), new Recorder()))
                .isInstanceOf(DecoderException.class).hasMessageContaining("not ended by CRLF");
    }

    @Test
    void aPushWhoseLengthIsNotANumberIsRefused() {
        RespReader reader = new RespReader();
        assertThatThrownBy(() -> reader.append(Unpooled.copiedBuffer("*3\r\n$7\r\nmessage\r\n$5x\r\nbench\r\n",
                StandardCharsets.US_ASCII), new Recorder()))
                .isInstanceOf(DecoderException.class).hasMessageContaining("not a number");
    }

    @Test
    void aValueStillUnfinishedAfterTheMaximumIsRefused() {
        RespReader reader = new RespReader();
        String bulk = "$" + RespDecoder.MAX_BULK + "\r\n" + "a".repeat(RespDecoder.MAX_BULK) + "\r\n";
        String unfinished = "*5\r\n" + bulk.repeat(4);
        assertThat(unfinished.length()).isGreaterThan(RespReader.MAX_PENDING);
        assertThatThrownBy(() -> reader.append(Unpooled.copiedBuffer(unfinished, StandardCharsets.US_ASCII), new Recorder()))
                .isInstanceOf(TooLongFrameException.class).hasMessageContaining("unfinished");
    }

    /**
     * Random streams of pushes and replies, some with one byte changed, added or removed, fed in
     * random pieces: the reader hands over exactly what {@link RespDecoder} and the old
     * classification of its values would have, and fails where the decoder fails.
     */
    @Test
    void randomStreamsReadAsTheGeneralDecoderReadsThem() {
        Random random = new Random(13);
        int mutated = 0;
        int failed = 0;
        int pushes = 0;
        for (int round = 0; round < 20_000; round++) {
            byte[] stream = randomStream(random);
            if (random.nextInt(3) == 0) {
                stream = mutate(stream, random);
                mutated++;
            }
            List<Integer> cuts = cuts(stream.length, random);
            Outcome expected = decoderOutcome(stream, cuts);
            Outcome actual = readerOutcome(stream, cuts);
            assertThat(actual).as("stream %s cut at %s", new String(stream, StandardCharsets.ISO_8859_1), cuts)
                    .isEqualTo(expected);
            failed += expected.failed() ? 1 : 0;
            pushes += (int) expected.events().stream().filter(e -> e.startsWith("message")).count();
        }
        assertThat(mutated).isGreaterThan(5_000);
        assertThat(failed).as("streams the decoder refused").isGreaterThan(500);
        assertThat(pushes).isGreaterThan(20_000);
    }

    private record Outcome(List<String> events, boolean failed) {
    }

    private static Outcome decoderOutcome(byte[] stream, List<Integer> cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new RespDecoder());
        Recorder recorder = new Recorder();
        boolean failed = false;
        int from = 0;
        for (int cut : cuts) {
            try {
                channel.writeInbound(Unpooled.wrappedBuffer(stream, from, cut - from));
            } catch (DecoderException e) {
                failed = true;
            }
            for (RespValue value; (value = channel.readInbound()) != null; ) {
                recorder.value(value);
            }
            if (failed) {
                break;
            }
            from = cut;
        }
        try {
            channel.finishAndReleaseAll();
        } catch (DecoderException e) {
            // What is left was incomplete or malformed: the outcome above already says so.
        }
        return new Outcome(recorder.events, failed);
    }

    private static Outcome readerOutcome(byte[] stream, List<Integer> cuts) {
        RespReader reader = new RespReader();
        Recorder recorder = new Recorder();
        int from = 0;
        for (int cut : cuts) {
            try {
                reader.append(Unpooled.wrappedBuffer(stream, from, cut - from), recorder);
            } catch (DecoderException e) {
                return new Outcome(recorder.events, true);
            }
            from = cut;
        }
        return new Outcome(recorder.events, false);
    }

    private static byte[] randomStream(Random random) {
        StringBuilder stream = new StringBuilder();
        for (int i = 0, count = 1 + random.nextInt(6); i < count; i++) {
            switch (random.nextInt(8)) {
                case 0, 1, 2, 3 -> stream.append(push(randomText(random, 8), randomText(random, 40)));
                case 4 -> stream.append("*3\r\n$9\r\nsubscribe\r\n$5\r\nbench\r\n:").append(random.nextInt(100)).append("\r\n");
                case 5 -> stream.append(":").append(random.nextInt(1000)).append("\r\n");
                case 6 -> stream.append("-ERR ").append(randomText(random, 10).replace('\r', ' ').replace('\n', ' ')).append("\r\n");
                default -> stream.append(random.nextBoolean() ? "$-1\r\n" : bulk(randomText(random, 20)));
            }
        }
        return stream.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String randomText(Random random, int maxLength) {
        String alphabet = "abcxyz0123456789:$*+-\r\n";
        StringBuilder text = new StringBuilder();
        for (int i = 0, length = random.nextInt(maxLength + 1); i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    private static byte[] mutate(byte[] stream, Random random) {
        int at = random.nextInt(stream.length);
        byte value = (byte) "*$:+-\r\n0123456789mx".charAt(random.nextInt(19));
        return switch (random.nextInt(3)) {
            case 0 -> {
                byte[] changed = stream.clone();
                changed[at] = value;
                yield changed;
            }
            case 1 -> {
                byte[] longer = new byte[stream.length + 1];
                System.arraycopy(stream, 0, longer, 0, at);
                longer[at] = value;
                System.arraycopy(stream, at, longer, at + 1, stream.length - at);
                yield longer;
            }
            default -> {
                byte[] shorter = new byte[stream.length - 1];
                System.arraycopy(stream, 0, shorter, 0, at);
                System.arraycopy(stream, at + 1, shorter, at, stream.length - at - 1);
                yield shorter;
            }
        };
    }

    /** Ascending cut points ending at {@code length}: the pieces the stream is fed in. */
    private static List<Integer> cuts(int length, Random random) {
        List<Integer> cuts = new ArrayList<>();
        for (int at = 0; at < length; ) {
            at = Math.min(length, at + 1 + random.nextInt(random.nextBoolean() ? 4 : 64));
            cuts.add(at);
        }
        return cuts;
    }

    private static boolean isMessagePush(RespValue value) {
        return value instanceof RespValue.Array(List<RespValue> items) && items.size() == 3
                && items.getFirst() instanceof RespValue.Bulk(byte[] kind) && kind != null
                && new String(kind, StandardCharsets.US_ASCII).equals("message")
                && items.get(2) instanceof RespValue.Bulk(byte[] payload) && payload != null;
    }

    private static String describe(RespValue value) {
        return switch (value) {
            case RespValue.Simple(String text) -> "+" + text;
            case RespValue.Error(String text) -> "-" + text;
            case RespValue.Bulk(byte[] bytes) -> bytes == null ? "null" : new String(bytes, StandardCharsets.ISO_8859_1);
            case RespValue.Array(List<RespValue> items) -> items.stream().map(RespReaderTest::describe)
                    .collect(Collectors.joining(", ", "[", "]"));
        };
    }

    private static Recorder read(String stream) {
        Recorder recorder = new Recorder();
        new RespReader().append(Unpooled.wrappedBuffer(ascii(stream)), recorder);
        return recorder;
    }

    private static String push(String channel, String body) {
        return "*3\r\n$7\r\nmessage\r\n" + bulk(channel) + bulk(body);
    }

    private static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    private static String message(String body) {
        return "message " + HexFormat.of().formatHex(ascii(body));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
