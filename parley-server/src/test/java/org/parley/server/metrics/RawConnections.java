package org.parley.server.metrics;

import static java.nio.charset.StandardCharsets.US_ASCII;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Plain sockets to a metrics endpoint, for requests no HTTP client would send (half a request, a
 * trickle, garbage); closing this closes every one it opened. Every wait is bounded by
 * {@link #PATIENCE}, never by a measured duration.
 */
final class RawConnections implements AutoCloseable {
    /** How long a test waits for something that must happen; far above any deadline the tests use. */
    static final Duration PATIENCE = Duration.ofSeconds(30);
    private final List<Socket> sockets = new ArrayList<>();

    /** A connection to {@code address} that has sent {@code bytes} and then nothing more. */
    Socket sent(InetSocketAddress address, String bytes) throws IOException {
        Socket socket = new Socket();
        sockets.add(socket);
        socket.connect(address, (int) PATIENCE.toMillis());
        socket.setSoTimeout((int) PATIENCE.toMillis());
        socket.getOutputStream().write(bytes.getBytes(US_ASCII));
        socket.getOutputStream().flush();
        return socket;
    }

    /** Sends {@code request} on a new connection and returns everything the endpoint sends until it closes it. */
    String exchange(InetSocketAddress address, String request) throws IOException {
        return untilClosed(sent(address, request));
    }

    /**
     * Everything the endpoint sends until it closes the connection; a reset counts as a close (what
     * arrived before it is kept). Throws {@link java.net.SocketTimeoutException} if the endpoint keeps
     * it open past {@link #PATIENCE}.
     */
    static String untilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        InputStream in = socket.getInputStream();
        try {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                received.write(buffer, 0, n);
            }
        } catch (SocketException reset) {
            // closed by a reset rather than a FIN: still closed
        }
        return received.toString(US_ASCII);
    }

    @Override
    public void close() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
    }
}
