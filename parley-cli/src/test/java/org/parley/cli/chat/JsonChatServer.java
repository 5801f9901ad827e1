package org.parley.cli.chat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;

/**
 * A real server on loopback for each test ({@code @RegisterExtension}), and terminal clients in
 * {@code --json} mode against it. Everything lives in a temporary directory removed after the test.
 */
final class JsonChatServer implements BeforeEachCallback, AfterEachCallback {
    static final String PASSWORD = "correct horse battery staple";

    private Path directory;
    private ParleyServer server;

    @Override
    public void beforeEach(ExtensionContext context) throws IOException {
        directory = Files.createTempDirectory("parley-cli-chat");
        server = ParleyServer.start(ServerSettings.defaults(directory.resolve("data")).withBind(new InetSocketAddress("127.0.0.1", 0)));
    }

    @Override
    public void afterEach(ExtensionContext context) throws IOException {
        server.close();
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(JsonChatServer::delete);
        }
    }

    ParleyServer server() {
        return server;
    }

    /** A path in this test's temporary directory. */
    Path path(String name) {
        return directory.resolve(name);
    }

    /** Registers {@code user} (or logs in) from the one installation every client here shares. */
    JsonChatClient client(String user, String password, boolean register) {
        return new JsonChatClient(server.address().getPort(), user, password, register, path("known_servers"), true);
    }

    /** Registers {@code user} from the shared installation. */
    JsonChatClient client(String user) {
        return client(user, PASSWORD, true);
    }

    /** A client with an installation of its own, so with its own end-to-end device. */
    JsonChatClient installation(String installation, String user, boolean register) {
        return new JsonChatClient(server.address().getPort(), user, PASSWORD, register,
                path(installation).resolve("known_servers"), true);
    }

    private static void delete(Path path) {
        try {
            Files.delete(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
