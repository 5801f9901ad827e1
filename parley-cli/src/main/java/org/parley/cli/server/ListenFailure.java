package org.parley.cli.server;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.SocketException;
import java.util.Optional;

/**
 * Says in words why the server could not listen on its address ("port 7443 is already in use"),
 * instead of the transport's "bind(..) failed with error(-98)". The reason is found out with a
 * plain JDK bind of the same address, whose {@link BindException} is typed, rather than by reading
 * the failed transport's message text; it runs only after a start has failed.
 */
final class ListenFailure {
    private static final int FIRST_UNPRIVILEGED_PORT = 1024;

    private ListenFailure() {
    }

    /** Why {@code address} cannot be listened on, or empty when it can (the failure lies elsewhere). */
    static Optional<String> explain(InetSocketAddress address) {
        if (address.isUnresolved()) {
            return Optional.of("cannot resolve the bind address " + address.getHostString() + " (--bind)");
        }
        InetAddress host = address.getAddress();
        if (!host.isAnyLocalAddress() && !isOfThisMachine(host)) {
            return Optional.of(host.getHostAddress() + " is not an address of this machine (--bind)");
        }
        int port = address.getPort();
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(address);
            return Optional.empty();
        } catch (BindException e) {
            String where = host.isAnyLocalAddress() ? "" : " on " + host.getHostAddress();
            if (port < FIRST_UNPRIVILEGED_PORT) {
                return Optional.of("cannot listen on port " + port + where
                        + ": ports below 1024 need root privileges, or the port is in use; choose a port above 1023 with --port");
            }
            return Optional.of("port " + port + " is already in use" + where
                    + " (is another server running? choose another port with --port)");
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static boolean isOfThisMachine(InetAddress host) {
        try {
            return host.isLoopbackAddress() || NetworkInterface.getByInetAddress(host) != null;
        } catch (SocketException e) {
            return true;
        }
    }
}
