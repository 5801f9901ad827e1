package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The load generator's CPU per Redis delivery on the receiving side, without sockets or a server
 * process: one subscriber in memory reads pub/sub message pushes that a TLS server in the same JVM
 * (the JDK's, a throwaway certificate, as in {@link IrcReceiverCostMain}) sealed,
 * {@value #PUSHES_PER_RECORD} pushes to a TLS record and {@value #RECORDS_PER_READ} records to a read,
 * as Redis writes a subscriber's queued pushes under fan-out load. Four receivers, alternated in one
 * JVM ({@value #ROUNDS} rounds, {@value #WARM_UP_ROUNDS} discarded as warm-up): the JDK's TLS or
 * OpenSSL (BoringSSL), each with the receive path before issue 13's {@code respgen} work
 * ({@link RespDecoder}'s value tree, then the push's kind compared as a string) or
 * {@link RespConnection}'s ({@link RespReader}, the body read in place). Thread CPU time and bytes
 * allocated per delivery; the server's encryption is outside the timed part. A measurement, not a test.
 *
 * <pre>source bench/classpath.sh &amp;&amp; taskset -c 1 java -cp "$BENCH_CP" org.parley.bench.RespReceiverCostMain</pre>
 */
public final class RespReceiverCostMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int PUSHES_PER_RECORD = 16;
    private static final int RECORDS_PER_READ = 4;
    private static final int READS_PER_ROUND = 1_000;

    private RespReceiverCostMain() {
    }

    public static void main(String[] args) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SslContext server = IrcReceiverCostMain.serverContext();
        List<Receiver> receivers = List.of(
                new Receiver("JDK TLS, RespDecoder tree + String", server, SslProvider.JDK, false),
                new Receiver("JDK TLS, RespReader in place      ", server, SslProvider.JDK, true),
                new Receiver("OpenSSL, RespDecoder tree + String", server, SslProvider.OPENSSL, false),
                new Receiver("OpenSSL, RespReader in place      ", server, SslProvider.OPENSSL, true));
        List<StringBuilder> cpu = new ArrayList<>();
        List<StringBuilder> allocated = new ArrayList<>();
        receivers.forEach(r -> {
            cpu.add(new StringBuilder());
            allocated.add(new StringBuilder());
        });
        for (int round = 0; round < ROUNDS; round++) {
            for (int i = 0; i < receivers.size(); i++) {
                double[] result = receivers.get(i).round(threads);
                if (round >= WARM_UP_ROUNDS) {
                    cpu.get(i).append(String.format(Locale.ROOT, " %.3f", result[0]));
                    allocated.get(i).append(String.format(Locale.ROOT, " %.0f", result[1]));
                }
            }
        }
        System.out.println(Machine.describe());
        System.out.printf("# %d pushes of 100-byte bodies a TLS record, %d records a read%n", PUSHES_PER_RECORD,
                RECORDS_PER_READ);
        for (int i = 0; i < receivers.size(); i++) {
            Receiver r = receivers.get(i);
            System.out.println(r.name + " (" + r.cipher() + "), µs CPU per delivery:" + cpu.get(i)
                    + "; bytes allocated per delivery:" + allocated.get(i)
                    + "; counted " + r.sink.delivered() + " of " + r.sent);
        }
    }

    /** One subscriber's connection in memory, its TLS server side, and the sink its deliveries go to. */
    private static final class Receiver {
        final String name;
        final FanoutSink sink = new FanoutSink();
        final EmbeddedChannel server;
        final EmbeddedChannel client;
        long sent;

        Receiver(String name, SslContext serverTls, SslProvider clientProvider, boolean inPlace) {
            this.name = name;
            sink.startStep(1);
            server = new EmbeddedChannel(serverTls.newHandler(ByteBufAllocator.DEFAULT));
            ReadClock clock = new ReadClock();
            SslHandler tls = PeerTls.clientContext(clientProvider).context().newHandler(ByteBufAllocator.DEFAULT, "localhost", 6380);
            ChannelHandler[] reader = inPlace
                    ? new ChannelHandler[] {new RespConnection(1_000_001, sink, clock)}
                    : new ChannelHandler[] {new RespDecoder(), new TreeReceiver(sink, clock)};
            client = new EmbeddedChannel();
            client.pipeline().addLast(clock, tls);
            client.pipeline().addLast(reader);
            for (int i = 0; i < 20 && !tls.handshakeFuture().isDone(); i++) {
                pump(client, server);
                pump(server, client);
            }
            if (!tls.handshakeFuture().isSuccess()) {
                throw new IllegalStateException(name + ": the in-memory TLS handshake failed", tls.handshakeFuture().cause());
            }
            pump(client, server);
            drain(server, true);
            drain(client, false);
        }

        String cipher() {
            return client.pipeline().get(SslHandler.class).engine().getSession().getCipherSuite();
        }

        /** Thread CPU µs and bytes allocated per delivery over one round. */
        double[] round(com.sun.management.ThreadMXBean threads) {
            List<ByteBuf> reads = new ArrayList<>(READS_PER_ROUND);
            for (int read = 0; read < READS_PER_ROUND; read++) {
                ByteBuf sealed = Unpooled.buffer();
                for (int record = 0; record < RECORDS_PER_READ; record++) {
                    StringBuilder pushes = new StringBuilder();
                    for (int push = 0; push < PUSHES_PER_RECORD; push++) {
                        byte[] body = FanoutSink.body(1, 0, System.nanoTime(), 100);
                        pushes.append("*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$").append(body.length).append("\r\n")
                                .append(new String(body, StandardCharsets.US_ASCII)).append("\r\n");
                        sent++;
                    }
                    server.writeAndFlush(Unpooled.copiedBuffer(pushes, StandardCharsets.US_ASCII));
                    for (ByteBuf out; (out = server.readOutbound()) != null; out.release()) {
                        sealed.writeBytes(out);
                    }
                }
                reads.add(sealed);
            }
            long before = sink.delivered();
            long bytes0 = threads.getCurrentThreadAllocatedBytes();
            long cpu0 = threads.getCurrentThreadCpuTime();
            for (ByteBuf read : reads) {
                client.writeInbound(read);
            }
            long cpu = threads.getCurrentThreadCpuTime() - cpu0;
            long bytes = threads.getCurrentThreadAllocatedBytes() - bytes0;
            long delivered = sink.delivered() - before;
            drain(client, false);
            return new double[] {cpu / 1000.0 / delivered, (double) bytes / delivered};
        }

        private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
            for (Object out; (out = from.readOutbound()) != null; ) {
                to.writeInbound(out);
            }
        }

        private static void drain(EmbeddedChannel channel, boolean inbound) {
            for (Object message; (message = inbound ? channel.readInbound() : channel.readOutbound()) != null; ) {
                ReferenceCountUtil.release(message);
            }
        }
    }

    /** The Redis receivers' path before issue 13's {@code respgen} work: {@code RespConnection.channelRead0} as it was. */
    private static final class TreeReceiver extends SimpleChannelInboundHandler<RespValue> {
        private final FanoutSink sink;
        private final ReadClock clock;

        TreeReceiver(FanoutSink sink, ReadClock clock) {
            this.sink = sink;
            this.clock = clock;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, RespValue value) {
            if (value instanceof RespValue.Array(List<RespValue> items) && !items.isEmpty()
                    && items.getFirst() instanceof RespValue.Bulk(byte[] kind) && kind != null) {
                String type = new String(kind, StandardCharsets.US_ASCII);
                if (type.equals("message") && items.size() == 3 && items.get(2) instanceof RespValue.Bulk(byte[] payload)) {
                    sink.received(1_000_001, payload, 0, payload.length, clock.readNanos());
                }
            }
        }
    }
}
