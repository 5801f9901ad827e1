package org.parley.server.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.identity.ServerKeyFiles;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;

/**
 * Benchmark for bench/handshake-cost.sh (a measurement, not a test): the CPU time a handshake
 * costs the server and an honest client, for every key exchange and signature a preset allows.
 *
 * <p>For each pair, a client offering only that key exchange and signature (what an attacker picks
 * to make the server work hardest) handshakes with a server of the preset, in memory, on this
 * thread; thread CPU time is summed separately for the server's steps (ClientHello in, its whole
 * flight out; then the client's Finished) and the client's (key generation, ClientHello; then the
 * server's flight: decapsulation, signature check, Finished). A replaying attacker, who sends a
 * recorded ClientHello, pays none of the client's part. Arguments: iterations (default 200).
 */
public final class HandshakeCostMain {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private HandshakeCostMain() {
    }

    public static void main(String[] args) throws Exception {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        SecureRandom random = new SecureRandom();
        Path keys = Files.createTempDirectory("parley-handshake-cost");
        System.out.printf("%-11s %-16s %-20s %12s %12s %8s%n", "preset", "key exchange", "signature",
                "server ms", "client ms", "ratio");
        for (Preset preset : Preset.values()) {
            SuitePreferences server = preset.preferences();
            ServerCredentials credentials = new ServerKeyFiles(keys.resolve(preset.name()))
                    .loadOrCreate(server.signatures(), random).credentials();
            ServerConfig serverConfig = new ServerConfig(server, credentials, random, RecordLimits.defaults());
            for (KeyExchangeComponent kex : server.keyExchanges()) {
                for (SignatureComponent signature : server.signatures()) {
                    SuitePreferences offer = new SuitePreferences(List.of(kex), List.of(signature), server.ciphers(),
                            server.hashes());
                    ClientConfig clientConfig = new ClientConfig(offer, (algorithm, key) -> { }, random, RecordLimits.defaults());
                    measure(serverConfig, clientConfig, iterations / 4);
                    long[] cost = measure(serverConfig, clientConfig, iterations);
                    System.out.printf("%-11s %-16s %-20s %12.3f %12.3f %8.1f%n", preset, kex, signature,
                            cost[0] / 1e6 / iterations, cost[1] / 1e6 / iterations, (double) cost[0] / cost[1]);
                }
            }
        }
        try (var paths = Files.walk(keys)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    /** Total CPU nanoseconds of the server's and the client's side over {@code iterations} handshakes. */
    private static long[] measure(ServerConfig serverConfig, ClientConfig clientConfig, int iterations) throws Exception {
        long serverNanos = 0;
        long clientNanos = 0;
        for (int i = 0; i < iterations; i++) {
            long t0 = CPU.getCurrentThreadCpuTime();
            SecureChannel client = SecureChannel.client(clientConfig);
            List<Bytes> hello = client.drainOutbound();
            long t1 = CPU.getCurrentThreadCpuTime();
            SecureChannel server = SecureChannel.server(serverConfig);
            feed(server, hello);
            List<Bytes> flight = server.drainOutbound();
            long t2 = CPU.getCurrentThreadCpuTime();
            feed(client, flight);
            List<Bytes> finished = client.drainOutbound();
            long t3 = CPU.getCurrentThreadCpuTime();
            feed(server, finished);
            long t4 = CPU.getCurrentThreadCpuTime();
            if (server.state() != SecureChannel.State.ESTABLISHED || client.state() != SecureChannel.State.ESTABLISHED) {
                throw new IllegalStateException("handshake did not complete");
            }
            clientNanos += (t1 - t0) + (t3 - t2);
            serverNanos += (t2 - t1) + (t4 - t3);
        }
        return new long[] {serverNanos, clientNanos};
    }

    private static void feed(SecureChannel channel, List<Bytes> frames) throws Exception {
        for (Bytes frame : frames) {
            channel.receive(ByteBuffer.wrap(frame.toByteArray()));
        }
    }
}
