package org.parley.server.bench;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatRequest;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;

/**
 * Benchmark helper for bench/idle-cpu.sh: connects {@code args[1]} clients to 127.0.0.1:{@code args[0]},
 * registers each, joins the lobby, writes "ready" to the file {@code args[2]}, then stays idle until killed.
 */
public final class IdleClientsMain {
    private IdleClientsMain() {
    }

    public static void main(String[] args) throws Exception {
        InetSocketAddress server = new InetSocketAddress("127.0.0.1", Integer.parseInt(args[0]));
        int count = Integer.parseInt(args[1]);
        ScramVerifier verifier;
        try (SecretBytes password = Passwords.normalise(ServerFixture.PASSWORD.toCharArray())) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, new SecureRandom());
        }
        List<TestClient> clients = new ArrayList<>();
        String run = Long.toString(System.currentTimeMillis() % 100000, 36);
        for (int i = 0; i < count; i++) {
            TestClient client = TestClient.connect(server);
            client.register("idle" + run + "x" + i, verifier);
            ServerFixture.join(client, "lobby");
            clients.add(client);
        }
        Files.writeString(Path.of(args[2]), "ready " + clients.size());
        new CountDownLatch(1).await();
    }
}
