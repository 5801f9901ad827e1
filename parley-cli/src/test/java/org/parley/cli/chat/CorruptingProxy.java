package org.parley.cli.chat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback TCP proxy in front of a server that, once {@link #corruptNextClientBytes()} was
 * called, flips one bit in the next bytes a client sends: the server's record layer then refuses
 * the record ({@code bad_record}) and cuts the connection, as an attacker on the path would cause.
 */
final class CorruptingProxy implements AutoCloseable {
    private final ServerSocket listening;
    private final InetSocketAddress target;
    private final AtomicBoolean corrupt = new AtomicBoolean();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    CorruptingProxy(InetSocketAddress target) throws IOException {
        this.target = target;
        this.listening = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("proxy-accept").start(this::accept);
    }

    int port() {
        return listening.getLocalPort();
    }

    /** The next chunk a client sends reaches the server with its last byte's lowest bit flipped. */
    void corruptNextClientBytes() {
        corrupt.set(true);
    }

    private void accept() {
        try {
            while (true) {
                Socket client = listening.accept();
                Socket server = new Socket(target.getAddress(), target.getPort());
                sockets.add(client);
                sockets.add(server);
                Thread.ofPlatform().daemon().start(() -> pump(client, server, true));
                Thread.ofPlatform().daemon().start(() -> pump(server, client, false));
            }
        } catch (IOException e) {
            // Closed: no more connections.
        }
    }

    private void pump(Socket from, Socket to, boolean fromClient) {
        byte[] buffer = new byte[65_536];
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                if (fromClient && n > 0 && corrupt.compareAndSet(true, false)) {
                    buffer[n - 1] ^= 1;
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // One side closed; the other pump ends too.
        } finally {
            close(from);
            close(to);
        }
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed.
        }
    }

    @Override
    public void close() throws IOException {
        listening.close();
        sockets.forEach(CorruptingProxy::close);
    }
}
