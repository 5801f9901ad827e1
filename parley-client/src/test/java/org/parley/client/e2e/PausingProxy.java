package org.parley.client.e2e;

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

/**
 * A TCP proxy in front of a test server whose server-to-client direction can be held: while
 * paused, bytes the server sends wait (in order) until {@link #resume}; the client's own bytes
 * always pass. Lets a test decide that a device sends before it receives what is already on its way,
 * or cut the connections as an attacker in the path would.
 */
final class PausingProxy implements AutoCloseable {
    private final ServerSocket listener;
    private final InetSocketAddress target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    PausingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listener = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("pausing-proxy").start(this::accept);
    }

    InetSocketAddress address() {
        return new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
    }

    /** The connections relayed so far, ended ones included. */
    int connections() {
        return sockets.size() / 2;
    }

    /** Holds everything the server sends from now on. */
    void pause() {
        gate = new CountDownLatch(1);
    }

    /** Lets the held bytes through, in order. */
    void resume() {
        gate.countDown();
    }

    /**
     * Ends every relayed connection without anything the channel would send: an orderly TCP end
     * (FIN) or, with {@code reset}, a reset (RST), as an attacker in the path would.
     */
    void cut(boolean reset) {
        for (Socket socket : sockets) {
            if (reset) {
                try {
                    socket.setSoLinger(true, 0);
                } catch (IOException e) {
                    // already closed: nothing to reset
                }
            }
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
                Thread.ofPlatform().daemon().start(() -> pump(client, server, false));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, true));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pump(Socket from, Socket to, boolean gated) {
        byte[] buffer = new byte[16_384];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                if (gated) {
                    gate.await();
                }
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
        sockets.forEach(PausingProxy::closeQuietly);
    }
}
