package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.DecoderException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes RESP2 (the Redis serialisation protocol) from the server: simple strings, errors,
 * integers, bulk strings and arrays. A value that is not complete yet is left in the buffer until
 * more bytes come. Bounds, checked before allocating: a line at most 1 KiB, a bulk string at most
 * 1 MiB, an array at most 1,024 items and 4 levels deep (the benchmark's replies are far smaller).
 * Malformed input (a line or bulk string not ended by CRLF, a length that is not a number, an
 * unknown type) is a {@link DecoderException}. {@link RespReader} uses {@link #decodeOne} for every value
 * that is not a pub/sub message push; this handler itself is the receive path before issue 13's
 * {@code respgen} work (kept for {@code RespReceiverCostMain}'s comparison and the tests).
 */
final class RespDecoder extends ByteToMessageDecoder {
    static final int MAX_LINE = 1024;
    static final int MAX_BULK = 1 << 20;
    static final int MAX_ITEMS = 1024;
    static final int MAX_DEPTH = 4;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        while (in.isReadable()) {
            RespValue value = decodeOne(in);
            if (value == null) {
                return;
            }
            out.add(value);
        }
    }

    /**
     * The next whole value in {@code in}, its bytes read; or null, nothing read, when it is not
     * complete yet. Malformed or oversized input is a {@link DecoderException}.
     */
    static RespValue decodeOne(ByteBuf in) {
        int mark = in.readerIndex();
        RespValue value = value(in, 0);
        if (value == null) {
            in.readerIndex(mark);
        }
        return value;
    }

    /** The next value, or null when incomplete (the caller resets the reader index). */
    private static RespValue value(ByteBuf in, int depth) {
        String line = line(in);
        if (line == null) {
            return null;
        }
        if (line.isEmpty()) {
            throw new DecoderException("empty RESP line");
        }
        String rest = line.substring(1);
        return switch (line.charAt(0)) {
            case '+', ':' -> new RespValue.Simple(rest);
            case '-' -> new RespValue.Error(rest);
            case '$' -> bulk(in, length(rest, MAX_BULK));
            case '*' -> array(in, length(rest, MAX_ITEMS), depth);
            default -> throw new DecoderException("unknown RESP type " + (int) line.charAt(0));
        };
    }

    private static RespValue bulk(ByteBuf in, int length) {
        if (length < 0) {
            return new RespValue.Bulk(null);
        }
        if (in.readableBytes() < length + 2) {
            return null;
        }
        if (in.getByte(in.readerIndex() + length) != '\r' || in.getByte(in.readerIndex() + length + 1) != '\n') {
            throw new DecoderException("RESP bulk string of " + length + " bytes not ended by CRLF");
        }
        byte[] bytes = new byte[length];
        in.readBytes(bytes);
        in.skipBytes(2);
        return new RespValue.Bulk(bytes);
    }

    private static RespValue array(ByteBuf in, int count, int depth) {
        if (depth >= MAX_DEPTH) {
            throw new DecoderException("RESP arrays nested too deep");
        }
        List<RespValue> items = new ArrayList<>(Math.max(0, count));
        for (int i = 0; i < count; i++) {
            RespValue item = value(in, depth + 1);
            if (item == null) {
                return null;
            }
            items.add(item);
        }
        return new RespValue.Array(items);
    }

    private static int length(String text, int max) {
        int length;
        try {
            length = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new DecoderException("RESP length is not a number");
        }
        if (length > max || length < -1) {
            throw new DecoderException("RESP length " + length + " out of bounds (max " + max + ")");
        }
        return length;
    }

    /** One CRLF-terminated line without its CRLF, or null when it is not complete. */
    private static String line(ByteBuf in) {
        int end = in.indexOf(in.readerIndex(), Math.min(in.writerIndex(), in.readerIndex() + MAX_LINE), (byte) '\n');
        if (end < 0) {
            if (in.readableBytes() >= MAX_LINE) {
                throw new DecoderException("RESP line longer than " + MAX_LINE + " bytes");
            }
            return null;
        }
        if (end == in.readerIndex() || in.getByte(end - 1) != '\r') {
            throw new DecoderException("RESP line not ended by CRLF");
        }
        String line = in.toString(in.readerIndex(), end - in.readerIndex() - 1, StandardCharsets.UTF_8);
        in.readerIndex(end + 1);
        return line;
    }
}
