package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslProvider;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The load generator's CPU per IRC delivery on the receiving side, without sockets or a server
 * process: one IRC member in memory reads PRIVMSG lines that a TLS server in the same JVM (the JDK's,
 * a throwaway certificate from keytool) sealed, {@value PeerReceiverCost#MESSAGES_PER_RECORD} lines to
 * a TLS record and {@value PeerReceiverCost#RECORDS_PER_READ} records to a read, as an IRC server
 * under fan-out load writes a member's queued lines. Four receivers, alternated in one JVM ({@link
 * PeerReceiverCost}): the JDK's TLS or OpenSSL (BoringSSL), each with the line path before issue 13's
 * generator work (Netty's line decoder, then a copy and search of every line) or {@link
 * IrcConnection}'s. Thread CPU time and bytes allocated per delivery; the server's encryption is
 * outside the timed part. A measurement, not a test: it depends on neither ngIRCd nor the machine's
 * other load as much as a fan-out ladder does.
 *
 * <pre>source bench/classpath.sh &amp;&amp; taskset -c 1 java -cp "$BENCH_CP" org.parley.bench.IrcReceiverCostMain</pre>
 */
public final class IrcReceiverCostMain {
    private IrcReceiverCostMain() {
    }

    public static void main(String[] args) throws Exception {
        SslContext server = PeerReceiverCost.serverContext();
        PeerReceiverCost.run("lines", List.of(
                receiver("JDK TLS, line decoder + copy per line", server, SslProvider.JDK, false),
                receiver("JDK TLS, LineBuffer in place       ", server, SslProvider.JDK, true),
                receiver("OpenSSL, line decoder + copy per line", server, SslProvider.OPENSSL, false),
                receiver("OpenSSL, LineBuffer in place       ", server, SslProvider.OPENSSL, true)));
    }

    private static PeerReceiverCost.Receiver receiver(String name, SslContext server, SslProvider provider, boolean inPlace) {
        return new PeerReceiverCost.Receiver(name, server, provider, 6697, (sink, clock) -> inPlace
                ? new ChannelHandler[] {new IrcConnection("bxyz1", 1, sink, clock)}
                : new ChannelHandler[] {new LineBasedFrameDecoder(IrcConnection.MAX_LINE), new CopyingReceiver(sink, clock)},
                () -> ":bxyz0!~bxyz0@localhost PRIVMSG #bench :" + PeerReceiverCost.Receiver.body() + "\r\n");
    }

    /** The IRC receivers' line path before issue 13's generator work: every line copied, then searched. */
    private static final class CopyingReceiver extends SimpleChannelInboundHandler<ByteBuf> {
        private static final byte[] PRIVMSG = " PRIVMSG ".getBytes(StandardCharsets.US_ASCII);
        private final FanoutSink sink;
        private final ReadClock clock;

        CopyingReceiver(FanoutSink sink, ReadClock clock) {
            this.sink = sink;
            this.clock = clock;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf line) {
            byte[] bytes = new byte[line.readableBytes()];
            line.readBytes(bytes);
            int privmsg = indexOf(bytes, PRIVMSG, 0);
            if (privmsg >= 0) {
                int colon = indexOf(bytes, new byte[] {' ', ':'}, privmsg + PRIVMSG.length);
                if (colon >= 0) {
                    sink.received(1, bytes, colon + 2, bytes.length - colon - 2, clock.readNanos());
                }
            }
        }

        private static int indexOf(byte[] haystack, byte[] needle, int from) {
            outer:
            for (int i = from; i <= haystack.length - needle.length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (haystack[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return i;
            }
            return -1;
        }
    }
}
