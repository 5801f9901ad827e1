package org.parley.lab.net;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;

/**
 * The attacker speaking to the server directly over TCP: writes chosen bytes and reads frames until
 * the server closes the connection (or a bound passes).
 */
public final class RawPeer implements AutoCloseable {
    private final Socket socket;
    private final FrameStream frames;

    private RawPeer(Socket socket) throws IOException {
        this.socket = socket;
        this.frames = new FrameStream(socket.getInputStream());
    }

    public static RawPeer connect(InetSocketAddress server) throws IOException {
        return new RawPeer(new Socket(server.getAddress(), server.getPort()));
    }

    /** This end's address as the server names it in its audit log ({@code /127.0.0.1:54321}). */
    public String localAddress() {
        return String.valueOf(socket.getLocalSocketAddress());
    }

    public void write(Bytes bytes) throws IOException {
        socket.getOutputStream().write(bytes.toByteArray());
        socket.getOutputStream().flush();
    }

    /**
     * Writes {@code frames} in order until the server has closed the connection (a write then fails
     * with a broken pipe or a reset): the server refusing the first bad frame is what the attacker
     * learns, not a failure of the lab.
     *
     * @return how many frames were written before the connection was found closed
     */
    public int writeWhileOpen(List<Bytes> frames) {
        int written = 0;
        try {
            for (Bytes frame : frames) {
                write(frame);
                written++;
            }
        } catch (IOException closedByTheServer) {
            // The remaining frames have nowhere to go; readUntilClosed reports the close.
        }
        return written;
    }

    /** The next frame from the server, or empty once it closed or nothing came within {@code bound}. */
    public Optional<Bytes> read(Duration bound) throws IOException {
        socket.setSoTimeout(Math.toIntExact(bound.toMillis()));
        try {
            return frames.next();
        } catch (SocketTimeoutException e) {
            return Optional.empty();
        }
    }

    /** Reads frames until the server closes the connection; what it sent before closing. */
    public ServerReply readUntilClosed(Duration bound) throws IOException {
        socket.setSoTimeout(Math.toIntExact(bound.toMillis()));
        List<Bytes> received = new ArrayList<>();
        try {
            for (Optional<Bytes> next = frames.next(); next.isPresent(); next = frames.next()) {
                received.add(next.get());
            }
            return new ServerReply(received, true);
        } catch (SocketTimeoutException e) {
            return new ServerReply(received, false);
        } catch (IOException e) {
            return new ServerReply(received, true); // reset by the server: closed too
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    /** What the server sent, and whether it closed the connection within the bound. */
    public record ServerReply(List<Bytes> frames, boolean closed) {
        public ServerReply {
            frames = List.copyOf(frames);
        }
    }
}
