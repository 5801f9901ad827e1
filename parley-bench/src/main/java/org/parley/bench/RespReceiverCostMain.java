package org.parley.bench;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The load generator's CPU per Redis delivery on the receiving side, without sockets or a server
 * process: one subscriber in memory reads pub/sub message pushes that a TLS server in the same JVM
 * (the JDK's, a throwaway certificate, {@link PeerReceiverCost#serverContext}) sealed, {@value
 * PeerReceiverCost#MESSAGES_PER_RECORD} pushes to a TLS record and {@value
 * PeerReceiverCost#RECORDS_PER_READ} records to a read, as Redis writes a subscriber's queued pushes
 * under fan-out load. Four receivers, alternated in one JVM ({@link PeerReceiverCost}): the JDK's TLS
 * or OpenSSL (BoringSSL), each with the receive path before issue 13's {@code respgen} work ({@link
 * RespDecoder}'s value tree, then the push's kind compared as a string) or {@link RespConnection}'s
 * ({@link RespReader}, the body read in place). Thread CPU time and bytes allocated per delivery; the
 * server's encryption is outside the timed part. A measurement, not a test.
 *
 * <pre>source bench/classpath.sh &amp;&amp; taskset -c 1 java -cp "$BENCH_CP" org.parley.bench.RespReceiverCostMain</pre>
 */
public final class RespReceiverCostMain {
    private RespReceiverCostMain() {
    }

    public static void main(String[] args) throws Exception {
        SslContext server = PeerReceiverCost.serverContext();
        PeerReceiverCost.run("pushes", List.of(
                receiver("JDK TLS, RespDecoder tree + String", server, SslProvider.JDK, false),
                receiver("JDK TLS, RespReader in place      ", server, SslProvider.JDK, true),
                receiver("OpenSSL, RespDecoder tree + String", server, SslProvider.OPENSSL, false),
                receiver("OpenSSL, RespReader in place      ", server, SslProvider.OPENSSL, true)));
    }

    private static PeerReceiverCost.Receiver receiver(String name, SslContext server, SslProvider provider, boolean inPlace) {
        return new PeerReceiverCost.Receiver(name, server, provider, 6380, (sink, clock) -> inPlace
                ? new ChannelHandler[] {new RespConnection(1_000_001, sink, clock)}
                : new ChannelHandler[] {new RespDecoder(), new TreeReceiver(sink, clock)},
                () -> {
                    String body = PeerReceiverCost.Receiver.body();
                    return "*3\r\n$7\r\nmessage\r\n$5\r\nbench\r\n$" + body.length() + "\r\n" + body + "\r\n";
                });
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
