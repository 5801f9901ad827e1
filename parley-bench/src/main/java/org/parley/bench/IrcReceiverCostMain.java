package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.LineBasedFrameDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;

/**
 * The load generator's CPU per IRC delivery on the receiving side, without sockets or a server
 * process: one IRC member in memory reads PRIVMSG lines that a TLS server in the same JVM (the JDK's,
 * a throwaway certificate from keytool) sealed, {@value #LINES_PER_RECORD} lines to a TLS record and
 * {@value #RECORDS_PER_READ} records to a read, as an IRC server under fan-out load writes a member's
 * queued lines. Four receivers, alternated in one JVM ({@value #ROUNDS} rounds, {@value #WARM_UP_ROUNDS}
 * discarded as warm-up): the JDK's TLS or OpenSSL (BoringSSL), each with the line path before issue
 * 13's generator work (Netty's line decoder, then a copy and search of every line) or {@link IrcConnection}'s.
 * Thread CPU time and bytes allocated per delivery; the server's encryption is outside the timed part.
 * A measurement, not a test: it depends on neither ngIRCd nor the machine's other load as much as a
 * fan-out ladder does.
 *
 * <pre>source bench/classpath.sh &amp;&amp; taskset -c 1 java -cp "$BENCH_CP" org.parley.bench.IrcReceiverCostMain</pre>
 */
public final class IrcReceiverCostMain {
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int LINES_PER_RECORD = 16;
    private static final int RECORDS_PER_READ = 4;
    private static final int READS_PER_ROUND = 1_000;
    private static final char[] PASSWORD = "bench-only".toCharArray();

    private IrcReceiverCostMain() {
    }

    public static void main(String[] args) throws Exception {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        SslContext server = serverContext();
        List<Receiver> receivers = List.of(
                new Receiver("JDK TLS, line decoder + copy per line", server, SslProvider.JDK, false),
                new Receiver("JDK TLS, LineBuffer in place       ", server, SslProvider.JDK, true),
                new Receiver("OpenSSL, line decoder + copy per line", server, SslProvider.OPENSSL, false),
                new Receiver("OpenSSL, LineBuffer in place       ", server, SslProvider.OPENSSL, true));
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
        System.out.printf("# %d lines of 100-byte bodies a TLS record, %d records a read%n", LINES_PER_RECORD,
                RECORDS_PER_READ);
        for (int i = 0; i < receivers.size(); i++) {
            Receiver r = receivers.get(i);
            System.out.println(r.name + " (" + r.cipher() + "), µs CPU per delivery:" + cpu.get(i)
                    + "; bytes allocated per delivery:" + allocated.get(i)
                    + "; counted " + r.sink.delivered() + " of " + r.sent);
        }
    }

    /** The JDK's TLS server side, with a throwaway EC key and self-signed certificate made by keytool. */
    static SslContext serverContext() throws IOException, GeneralSecurityException, InterruptedException {
        Path dir = Files.createTempDirectory("irc-cost");
        Path store = dir.resolve("peer.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "peer", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=localhost",
                "-validity", "2", "-storetype", "PKCS12", "-keystore", store.toString(),
                "-storepass", new String(PASSWORD), "-keypass", new String(PASSWORD))
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed to make the throwaway certificate");
        }
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, PASSWORD);
        }
        Files.delete(store);
        Files.delete(dir);
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, PASSWORD);
        return SslContextBuilder.forServer(factory).sslProvider(SslProvider.JDK).protocols("TLSv1.3", "TLSv1.2").build();
    }

    /** One IRC member's connection in memory, its TLS server side, and the sink its deliveries go to. */
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
            SslContext clientTls = PeerTls.clientContext(clientProvider).context();
            SslHandler tls = clientTls.newHandler(ByteBufAllocator.DEFAULT, "localhost", 6697);
            ChannelHandler[] lines = inPlace
                    ? new ChannelHandler[] {new IrcConnection("bxyz1", 1, sink, clock)}
                    : new ChannelHandler[] {new LineBasedFrameDecoder(IrcConnection.MAX_LINE), new CopyingReceiver(sink, clock)};
            client = new EmbeddedChannel();
            client.pipeline().addLast(clock, tls);
            client.pipeline().addLast(lines);
            for (int i = 0; i < 20 && !tls.handshakeFuture().isDone(); i++) {
                pump(client, server);
                pump(server, client);
            }
            if (!tls.handshakeFuture().isSuccess()) {
                throw new IllegalStateException(name + ": the in-memory TLS handshake failed", tls.handshakeFuture().cause());
            }
            pump(client, server);
            drainInbound(server);
            drainOutbound(client);
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
                    StringBuilder lines = new StringBuilder();
                    for (int line = 0; line < LINES_PER_RECORD; line++) {
                        lines.append(":bxyz0!~bxyz0@localhost PRIVMSG #bench :")
                                .append(new String(FanoutSink.body(1, 0, System.nanoTime(), 100), StandardCharsets.US_ASCII))
                                .append("\r\n");
                        sent++;
                    }
                    server.writeAndFlush(Unpooled.copiedBuffer(lines, StandardCharsets.US_ASCII));
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
            drainOutbound(client);
            return new double[] {cpu / 1000.0 / delivered, (double) bytes / delivered};
        }

        private static void pump(EmbeddedChannel from, EmbeddedChannel to) {
            for (Object out; (out = from.readOutbound()) != null; ) {
                to.writeInbound(out);
            }
        }

        private static void drainInbound(EmbeddedChannel channel) {
            for (Object in; (in = channel.readInbound()) != null; ) {
                ReferenceCountUtil.release(in);
            }
        }

        private static void drainOutbound(EmbeddedChannel channel) {
            for (Object out; (out = channel.readOutbound()) != null; ) {
                ReferenceCountUtil.release(out);
            }
        }
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
