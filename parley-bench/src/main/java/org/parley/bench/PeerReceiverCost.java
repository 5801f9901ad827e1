package org.parley.bench;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.embedded.EmbeddedChannel;
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
import java.util.function.BiFunction;
import java.util.function.Supplier;
import javax.net.ssl.KeyManagerFactory;

/**
 * What {@link IrcReceiverCostMain} and {@link RespReceiverCostMain} share: a peer's receiver in memory
 * (its TLS client side and read path on an {@link EmbeddedChannel}, fed by a TLS server in the same
 * JVM), its rounds timed by thread CPU and allocation, and the printed result. Records of
 * {@value #MESSAGES_PER_RECORD} messages, {@value #RECORDS_PER_READ} records to a read, as a peer under
 * fan-out load writes a member's queued messages; {@value #ROUNDS} rounds alternating the receivers,
 * {@value #WARM_UP_ROUNDS} discarded as warm-up. The server's encryption is outside the timed part.
 */
final class PeerReceiverCost {
    static final int MESSAGES_PER_RECORD = 16;
    static final int RECORDS_PER_READ = 4;
    private static final int ROUNDS = 8;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int READS_PER_ROUND = 1_000;
    private static final char[] PASSWORD = "bench-only".toCharArray();

    private PeerReceiverCost() {
    }

    /** Runs the receivers' rounds and prints µs of CPU and bytes allocated per delivery for each. */
    static void run(String what, List<Receiver> receivers) {
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
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
        System.out.printf("# %d %s of 100-byte bodies a TLS record, %d records a read%n", MESSAGES_PER_RECORD, what,
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
        Path dir = Files.createTempDirectory("peer-cost");
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

    /** One peer connection's receiving side in memory, its TLS server side, and the sink its deliveries go to. */
    static final class Receiver {
        final String name;
        final FanoutSink sink = new FanoutSink();
        private final EmbeddedChannel server;
        private final EmbeddedChannel client;
        private final Supplier<String> message;
        private long sent;

        /**
         * @param reader the read path after TLS, given the sink and the read clock
         * @param message one message as the peer writes it (a line, a push), each call a fresh body
         */
        Receiver(String name, SslContext serverTls, SslProvider clientProvider, int port,
                 BiFunction<FanoutSink, ReadClock, ChannelHandler[]> reader, Supplier<String> message) {
            this.name = name;
            this.message = message;
            sink.startStep(1);
            server = new EmbeddedChannel(serverTls.newHandler(ByteBufAllocator.DEFAULT));
            ReadClock clock = new ReadClock();
            SslHandler tls = PeerTls.clientContext(clientProvider).context().newHandler(ByteBufAllocator.DEFAULT, "localhost", port);
            client = new EmbeddedChannel();
            client.pipeline().addLast(clock, tls);
            client.pipeline().addLast(reader.apply(sink, clock));
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

        /** One message's body of 100 bytes, stamped now, as ASCII text. */
        static String body() {
            return new String(FanoutSink.body(1, 0, System.nanoTime(), 100), StandardCharsets.US_ASCII);
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
                    StringBuilder plaintext = new StringBuilder();
                    for (int m = 0; m < MESSAGES_PER_RECORD; m++) {
                        plaintext.append(message.get());
                        sent++;
                    }
                    server.writeAndFlush(Unpooled.copiedBuffer(plaintext, StandardCharsets.US_ASCII));
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
}
