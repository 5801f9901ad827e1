package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * The load generator's CPU per delivery on the receiving side, without sockets or a server process:
 * one {@link ParleyConnection} in memory ({@link LoggedInPair}) reads batch records (8 fan-out messages
 * of 100 bytes each, as a server sends under load) sealed by the server's side of its channel,
 * and hands each message to a {@link FanoutSink}, either as {@link ChatEvent.RoomMessage} records from
 * the full decoder (the receivers before issue 13's lean reader) or through {@link RoomMessageReader}.
 * Thread CPU time per delivery, the two alternated in one JVM (8 rounds, 3 discarded as warm-up), and
 * bytes allocated per delivery; a measurement, not a test: it depends on neither the server nor the
 * machine's other load as much as a fan-out ladder does.
 *
 * <pre>source bench/classpath.sh &amp;&amp; java -cp "$BENCH_CP" org.parley.bench.ReceiverCostMain</pre>
 */
public final class ReceiverCostMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int PER_BATCH = 8;
    private static final int BATCHES_PER_READ = 16;
    private static final int READS_PER_ROUND = 2_000;

    private ReceiverCostMain() {
    }

    public static void main(String[] args) throws ParleyException {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        Receiver full = new Receiver(false);
        Receiver lean = new Receiver(true);
        StringBuilder fullCpu = new StringBuilder();
        StringBuilder leanCpu = new StringBuilder();
        StringBuilder allocated = new StringBuilder();
        for (int round = 0; round < ROUNDS; round++) {
            double[] f = full.round(threads);
            double[] l = lean.round(threads);
            if (round >= WARM_UP_ROUNDS) {
                fullCpu.append(String.format(Locale.ROOT, " %.3f", f[0]));
                leanCpu.append(String.format(Locale.ROOT, " %.3f", l[0]));
                allocated.append(String.format(Locale.ROOT, " %.0f/%.0f", f[1], l[1]));
            }
        }
        System.out.println(Machine.describe());
        System.out.println("full decoder (ChatEvent records), µs CPU per delivery:" + fullCpu);
        System.out.println("lean reader (RoomMessageReader),  µs CPU per delivery:" + leanCpu);
        System.out.println("bytes allocated per delivery, full/lean:" + allocated);
        System.out.println("deliveries counted, full/lean: " + full.sink.delivered() + "/" + lean.sink.delivered()
                + " of " + full.sent + "/" + lean.sent + " each");
    }

    /** One connection, its server side in memory, and the sink its deliveries go to. */
    private static final class Receiver {
        final FanoutSink sink = new FanoutSink();
        final LoggedInPair pair;
        final ByteBuffer sealed = ByteBuffer.allocate(BATCHES_PER_READ * PER_BATCH * 512);
        long sent;

        Receiver(boolean lean) throws ParleyException {
            pair = new LoggedInPair();
            sink.startStep(1);
            if (lean) {
                pair.connection().onLiveRoomMessage((message, offset, length, readNanos, serverMillis) ->
                        sink.received(1, message, offset, Math.min(length, FanoutSettings.MIN_SIZE), readNanos,
                                serverMillis));
            } else { // the receivers' code before the lean reader
                pair.connection().onPush(push -> {
                    if (push instanceof ChatEvent.RoomMessage message && !message.history()) {
                        Bytes body = message.message().body();
                        byte[] header = body.slice(0, Math.min(body.length(), FanoutSettings.MIN_SIZE)).toByteArray();
                        sink.received(1, header, 0, header.length, System.nanoTime());
                    }
                });
            }
        }

        /** Thread CPU µs and bytes allocated per delivery over one round. */
        double[] round(com.sun.management.ThreadMXBean threads) {
            long cpu = 0;
            long bytes = 0;
            long delivered = 0;
            for (int read = 0; read < READS_PER_ROUND; read++) {
                sealed.clear();
                for (int b = 0; b < BATCHES_PER_READ; b++) {
                    List<Bytes> batch = new ArrayList<>(PER_BATCH);
                    for (int m = 0; m < PER_BATCH; m++) {
                        batch.add(ChatCodec.encode(new ChatEvent.RoomMessage("fanout-bench", new StoredMessage(++sent,
                                System.currentTimeMillis(), "bench-sender", ContentType.TEXT,
                                Bytes.wrapOwned(FanoutSink.body(1, 0, System.nanoTime(), 100))), false)));
                    }
                    pair.server().send(batch, sealed);
                }
                sealed.flip();
                ByteBuf input = Unpooled.wrappedBuffer(sealed);
                long bytes0 = threads.getCurrentThreadAllocatedBytes();
                long cpu0 = threads.getCurrentThreadCpuTime();
                pair.read(input);
                cpu += threads.getCurrentThreadCpuTime() - cpu0;
                bytes += threads.getCurrentThreadAllocatedBytes() - bytes0;
                delivered += BATCHES_PER_READ * PER_BATCH;
            }
            return new double[] {cpu / 1000.0 / delivered, (double) bytes / delivered};
        }
    }
}
