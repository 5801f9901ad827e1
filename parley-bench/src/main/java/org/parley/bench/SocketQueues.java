package org.parley.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The bytes waiting in the kernel's TCP queues of the server's loopback connections, from
 * {@code /proc/net/tcp} (Linux; what {@code ss} shows as Recv-Q and Send-Q), sampled every
 * {@value #PERIOD_MILLIS} ms while a fan-out step runs, so that a step can say where its messages
 * waited: unread by the generator (its receivers behind), or unread by the server (its senders' requests
 * waiting for the server). {@code /proc/net/tcp6} is read too: the JVM's sockets (the generator's, Parley's
 * server's) are IPv6 sockets, their loopback connections listed there with IPv4-mapped addresses.
 */
final class SocketQueues implements AutoCloseable {
    /** How often the queues are sampled while a step runs. */
    static final long PERIOD_MILLIS = 100;
    private static final Path PROC_NET_TCP = Path.of("/proc/net/tcp");
    /** Java's and Netty's sockets are IPv6 sockets, their IPv4 peers mapped ({@code ::ffff:127.0.0.1}): listed here. */
    private static final Path PROC_NET_TCP6 = Path.of("/proc/net/tcp6");
    private static final String ESTABLISHED = "01";
    private final int serverPort;
    private final AtomicReference<Totals> peak = new AtomicReference<>(Totals.ZERO);
    private final Thread sampler;
    private volatile boolean failed;

    /**
     * Bytes summed over every established connection to the server's port.
     *
     * @param clientUnread received by the generator's sockets and not yet read by it
     * @param serverUnsent written by the server and not yet acknowledged: on loopback, waiting for room in the
     *     generator's receive windows, which fills when the generator does not read
     * @param serverUnread received by the server's sockets and not yet read by it (the senders' requests)
     * @param clientUnsent written by the generator and not yet acknowledged by the server's side
     */
    record Totals(long clientUnread, long serverUnsent, long serverUnread, long clientUnsent) {
        static final Totals ZERO = new Totals(0, 0, 0, 0);
        /** Not sampled (not Linux, or the step was built elsewhere). */
        static final Totals UNKNOWN = new Totals(-1, -1, -1, -1);

        /** The sum of each figure. */
        Totals plus(Totals other) {
            return new Totals(clientUnread + other.clientUnread, serverUnsent + other.serverUnsent,
                    serverUnread + other.serverUnread, clientUnsent + other.clientUnsent);
        }

        /** The larger of each figure. */
        Totals max(Totals other) {
            return new Totals(Math.max(clientUnread, other.clientUnread), Math.max(serverUnsent, other.serverUnsent),
                    Math.max(serverUnread, other.serverUnread), Math.max(clientUnsent, other.clientUnsent));
        }

        boolean known() {
            return clientUnread >= 0;
        }
    }

    private SocketQueues(int serverPort) {
        this.serverPort = serverPort;
        this.sampler = Thread.ofPlatform().daemon().name("socket-queues").unstarted(this::sample);
    }

    /** Samples the connections to {@code serverPort} until closed; null where /proc/net/tcp cannot be read. */
    static SocketQueues start(int serverPort) {
        if (!Files.isReadable(PROC_NET_TCP)) {
            return null;
        }
        SocketQueues queues = new SocketQueues(serverPort);
        queues.sampler.start();
        return queues;
    }

    /** The largest total of each queue seen since the last call (or the start), and starts again; unknown once sampling failed. */
    Totals takePeak() {
        return failed ? Totals.UNKNOWN : peak.getAndSet(Totals.ZERO);
    }

    private void sample() {
        try {
            while (!Thread.currentThread().isInterrupted()) {
                Totals now = parse(Files.readString(PROC_NET_TCP), serverPort);
                if (Files.isReadable(PROC_NET_TCP6)) {
                    now = now.plus(parse(Files.readString(PROC_NET_TCP6), serverPort));
                }
                peak.accumulateAndGet(now, Totals::max);
                TimeUnit.MILLISECONDS.sleep(PERIOD_MILLIS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            failed = true; // seen as unknown rather than as empty queues
            System.err.println("# socket queues not sampled: " + e);
        }
    }

    /**
     * Sums the queues of the established connections to {@code serverPort} in a {@code /proc/net/tcp}
     * (or {@code tcp6}) table: lines of {@code sl local_address rem_address st tx_queue:rx_queue ...},
     * addresses and queues in hexadecimal ({@code 0100007F:1F90}). Lines that do not parse are skipped.
     */
    static Totals parse(String table, int serverPort) {
        long clientUnread = 0;
        long serverUnsent = 0;
        long serverUnread = 0;
        long clientUnsent = 0;
        for (String line : table.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 5 || !f[3].equals(ESTABLISHED)) {
                continue;
            }
            int localPort = port(f[1]);
            int remotePort = port(f[2]);
            int colon = f[4].indexOf(':');
            if (localPort < 0 || remotePort < 0 || colon < 0) {
                continue;
            }
            long tx = Long.parseLong(f[4], 0, colon, 16);
            long rx = Long.parseLong(f[4], colon + 1, f[4].length(), 16);
            if (localPort == serverPort) {
                serverUnsent += tx;
                serverUnread += rx;
            } else if (remotePort == serverPort) {
                clientUnsent += tx;
                clientUnread += rx;
            }
        }
        return new Totals(clientUnread, serverUnsent, serverUnread, clientUnsent);
    }

    /** The port of an {@code ADDRESS:PORT} field, or -1. */
    private static int port(String address) {
        int colon = address.lastIndexOf(':');
        if (colon < 0 || colon == address.length() - 1) {
            return -1;
        }
        try {
            return Integer.parseInt(address, colon + 1, address.length(), 16);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        sampler.interrupt();
    }
}
