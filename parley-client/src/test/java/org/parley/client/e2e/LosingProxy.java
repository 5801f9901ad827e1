package org.parley.client.e2e;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy in front of a test server that can lose the answer to one request, as a network
 * failure would. It reads the client's frames (3-byte header: type, 16-bit length) without
 * decrypting them; armed, the first client frame longer than a threshold (a send with a long
 * text, where every other request is short) triggers a {@link Loss}:
 * <ul>
 *   <li>{@link Loss#AFTER_THE_SERVER} forwards the frame but holds everything the server sends
 *       from then on, until {@link #cutAndRelease} (or {@link #release}): the server stores the
 *       send, its answer does not reach the client meanwhile;</li>
 *   <li>{@link Loss#BEFORE_THE_SERVER} cuts every connection instead of forwarding the frame: the
 *       server never sees the send.</li>
 * </ul>
 * New connections (the client's reconnect) are relayed as usual.
 */
final class LosingProxy implements AutoCloseable {
    enum Loss { AFTER_THE_SERVER, BEFORE_THE_SERVER }

    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final AtomicReference<Armed> armed = new AtomicReference<>();
    private final CountDownLatch triggered = new CountDownLatch(1);
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private record Armed(int longerThan, Loss loss, Runnable first) {
    }

    LosingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("losing-proxy").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** Loses the answer to the next client frame longer than {@code bytes}, running {@code first} before anything else. */
    void arm(int bytes, Loss loss, Runnable first) {
        armed.set(new Armed(bytes, loss, first));
    }

    /** Waits until the armed loss happened. */
    boolean awaitTriggered(java.time.Duration timeout) throws InterruptedException {
        return triggered.await(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Lets the held bytes through, in order, on the same connections. */
    void release() {
        gate.countDown();
    }

    /** Ends every connection relayed so far (the held answer with them) and relays new ones freely. */
    void cutAndRelease() {
        cut();
        gate.countDown();
    }

    private void cut() {
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().start(() -> clientFrames(client, server));
                Thread.ofPlatform().daemon().start(() -> serverBytes(server, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void clientFrames(Socket from, Socket to) {
        try (DataInputStream in = new DataInputStream(from.getInputStream()); OutputStream out = to.getOutputStream()) {
            byte[] header = new byte[3];
            while (true) {
                in.readFully(header);
                byte[] payload = new byte[((header[1] & 0xff) << 8) | (header[2] & 0xff)];
                in.readFully(payload);
                Armed now = armed.get();
                if (now != null && payload.length > now.longerThan() && armed.compareAndSet(now, null)) {
                    now.first().run();
                    triggered.countDown();
                    if (now.loss() == Loss.BEFORE_THE_SERVER) {
                        cut();
                        return;
                    }
                    gate = new CountDownLatch(1);
                }
                out.write(header);
                out.write(payload);
                out.flush();
            }
        } catch (IOException e) {
            // the other side closed, or the test ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private void serverBytes(Socket from, Socket to) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                gate.await();
                out.write(buffer, 0, read);
                out.flush();
            }
        } catch (IOException | InterruptedException e) {
            // the other side closed, or the test ended
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        gate.countDown();
        listener.close();
        sockets.forEach(LosingProxy::closeQuietly);
    }
}
