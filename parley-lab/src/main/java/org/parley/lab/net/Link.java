package org.parley.lab.net;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import org.parley.crypto.Bytes;

/** One client connection through the proxy and its upstream connection to the server. */
public final class Link {
    private final int id;
    private final Socket client;
    private final Socket server;

    Link(int id, Socket client, Socket server) {
        this.id = id;
        this.client = client;
        this.server = server;
    }

    /** 1 for the first connection through the proxy, 2 for the next, ... */
    public int id() {
        return id;
    }

    /** Writes {@code frame} to the server as if the client had sent it. */
    public void toServer(Bytes frame) throws IOException {
        write(server, frame);
    }

    /** Writes {@code frame} to the client as if the server had sent it. */
    public void toClient(Bytes frame) throws IOException {
        write(client, frame);
    }

    /** Sends {@code frame} on in {@code direction}. */
    public void send(Direction direction, Bytes frame) throws IOException {
        if (direction == Direction.CLIENT_TO_SERVER) {
            toServer(frame);
        } else {
            toClient(frame);
        }
    }

    /** Closes both sockets abruptly: no close_notify, just the end of the TCP streams. */
    public void cut() {
        closeQuietly(client);
        closeQuietly(server);
    }

    /** Ends the stream towards the receiver of {@code direction} (the sender closed its side). */
    void endOf(Direction direction) {
        Socket to = direction == Direction.CLIENT_TO_SERVER ? server : client;
        try {
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
        }
    }

    private static void write(Socket socket, Bytes frame) throws IOException {
        synchronized (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(frame.toByteArray());
            out.flush();
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // Already closed: nothing left to cut.
        }
    }
}
