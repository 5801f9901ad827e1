package org.parley.lab.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.crypto.Bytes;

/**
 * The attacker in the path: a TCP proxy on the loopback interface that reads each direction frame
 * by frame, records every frame it sees, and lets a {@link FrameTap} forward, drop, replace,
 * inject or cut. Clients connect to {@link #address()} instead of the server.
 *
 * <p>One virtual thread per direction per connection; closing the proxy cuts every connection.
 */
public final class AttackerProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final FrameTap tap;
    private final List<CapturedFrame> captured = new CopyOnWriteArrayList<>();
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    private AttackerProxy(ServerSocket listener, InetSocketAddress upstream, FrameTap tap) {
        this.listener = listener;
        this.upstream = upstream;
        this.tap = tap;
    }

    /** Listens on an ephemeral loopback port and relays every accepted connection to {@code upstream}. */
    public static AttackerProxy start(InetSocketAddress upstream, FrameTap tap) throws IOException {
        ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        AttackerProxy proxy = new AttackerProxy(listener, upstream, tap);
        proxy.threads.execute(proxy::acceptLoop);
        return proxy;
    }

    /** Where clients connect to be attacked. */
    public InetSocketAddress address() {
        return new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
    }

    /** Every frame seen so far, in the order seen (directions interleaved). */
    public List<CapturedFrame> captured() {
        return List.copyOf(captured);
    }

    /** The frames of connection {@code connection} in {@code direction}, in order. */
    public List<CapturedFrame> captured(int connection, Direction direction) {
        return captured.stream().filter(f -> f.connection() == connection && f.direction() == direction).toList();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket client;
            try {
                client = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            try {
                Socket server = new Socket(upstream.getAddress(), upstream.getPort());
                Link link = new Link(connections.incrementAndGet(), client, server);
                links.add(link);
                threads.execute(() -> pump(link, Direction.CLIENT_TO_SERVER, client));
                threads.execute(() -> pump(link, Direction.SERVER_TO_CLIENT, server));
            } catch (IOException e) {
                closeQuietly(client);
            }
        }
    }

    private void pump(Link link, Direction direction, Socket from) {
        int index = 0;
        try {
            FrameStream frames = new FrameStream(from.getInputStream());
            for (Optional<Bytes> next = frames.next(); next.isPresent(); next = frames.next()) {
                Bytes frame = next.get();
                captured.add(new CapturedFrame(link.id(), direction, index, frame));
                TapAction action = tap.onFrame(link, direction, index++, frame);
                switch (action) {
                    case TapAction.Forward f -> link.send(direction, frame);
                    case TapAction.Drop d -> {
                    }
                    case TapAction.Cut c -> {
                        link.cut();
                        return;
                    }
                }
            }
            link.endOf(direction);
        } catch (IOException e) {
            link.cut();
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        links.forEach(Link::cut);
        threads.shutdownNow();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing on the way out: nothing to report.
        }
    }
}
