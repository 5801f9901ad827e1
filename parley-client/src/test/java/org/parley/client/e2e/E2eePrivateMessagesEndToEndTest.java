package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.E2eSettings;
import org.parley.e2ee.E2eSuite;
import org.parley.server.ParleyServer;

/** Private messages between real clients through a real server, always end to end. */
class E2eePrivateMessagesEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void twoUsersExchangeMessagesOnlineAndOfflineAndARestartKeepsSessionsAndHistory() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice")) {
                try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                    E2eMessage sent = alice.send("bob", "hello bob");
                    await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("hello bob"));
                    bob.send("alice", "hello alice");
                    await().atMost(TestServer.timeout()).until(() -> alice.texts().contains("hello alice"));

                    E2eMessage received = bob.messages().getFirst();
                    assertThat(sent.suite()).isEqualTo(E2eSuite.PQ_RATCHET);
                    assertThat(received.suite()).isEqualTo(E2eSuite.PQ_RATCHET);
                    assertThat(received.fromUser()).isEqualTo("alice");
                    assertThat(received.fromDevice()).isEqualTo(alice.session.deviceId());
                    assertThat(received.outgoing()).isFalse();
                    assertThat(received.messageId()).isEqualTo(sent.messageId());
                }
                alice.send("bob", "while you were away");
            }
            try (E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("while you were away"));

                assertThat(bob.history("alice")).extracting(E2eMessage::text)
                        .containsExactly("hello bob", "hello alice", "while you were away");
                assertThat(bob.session.ratchetView("alice").get(Chatters.seconds(), java.util.concurrent.TimeUnit.SECONDS))
                        .singleElement().satisfies(device -> assertThat(device.ratchet()).isPresent());
            }
        }
    }

    @Test
    void everyDeviceOfBothUsersShowsTheConversation() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            register(server, "alice", "bob");
            try (E2eDeviceUnderTest a1 = E2eDeviceUnderTest.start(server.address(), devices.resolve("a1"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest a2 = E2eDeviceUnderTest.start(server.address(), devices.resolve("a2"), "alice", "passphrase of alice");
                    E2eDeviceUnderTest b1 = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob");
                    E2eDeviceUnderTest b2 = E2eDeviceUnderTest.start(server.address(), devices.resolve("b2"), "bob", "passphrase of bob")) {
                a1.send("bob", "from alice's first device");
                await().atMost(TestServer.timeout()).until(() -> b1.texts().contains("from alice's first device")
                        && b2.texts().contains("from alice's first device") && a2.texts().contains("from alice's first device"));
                b2.send("alice", "from bob's second device");
                await().atMost(TestServer.timeout()).until(() -> a1.texts().contains("from bob's second device")
                        && a2.texts().contains("from bob's second device") && b1.texts().contains("from bob's second device"));

                E2eMessage copy = a2.messages().getFirst();
                assertThat(copy.peer()).isEqualTo("bob");
                assertThat(copy.outgoing()).isTrue();
                for (E2eDeviceUnderTest device : List.of(a1, a2)) {
                    assertThat(device.history("bob")).extracting(E2eMessage::text)
                            .containsExactly("from alice's first device", "from bob's second device");
                }
                for (E2eDeviceUnderTest device : List.of(b1, b2)) {
                    assertThat(device.history("alice")).extracting(E2eMessage::text)
                            .containsExactly("from alice's first device", "from bob's second device");
                }
            }
        }
    }

    @Test
    void aDeviceMadeForTheClassicSuiteTalksClassicWithAPostQuantumDeviceAndSaysSo() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            register(server, "alice", "bob");
            Path classicDirectory = devices.resolve("a1");
            var classic = E2eDeviceUnderTest.settings(server.address(), classicDirectory)
                    .withE2e(E2eSettings.in(classicDirectory).withSuite(E2eSuite.CLASSIC));
            try (E2eDeviceUnderTest alice = E2eDeviceUnderTest.start(classic, "alice", "passphrase of alice");
                    E2eDeviceUnderTest bob = E2eDeviceUnderTest.start(server.address(), devices.resolve("b1"), "bob", "passphrase of bob")) {
                E2eMessage sent = alice.send("bob", "classic only");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().contains("classic only"));

                assertThat(alice.session.e2eSuite()).contains(E2eSuite.CLASSIC);
                assertThat(sent.suite()).isEqualTo(E2eSuite.CLASSIC);
                assertThat(bob.messages().getFirst().suite()).isEqualTo(E2eSuite.CLASSIC);
            }
        }
    }

    static void register(ParleyServer server, String... users) throws Exception {
        try (Chatters chatters = new Chatters(server.address())) {
            for (String user : users) {
                chatters.register(user, "passphrase of " + user).client().close();
            }
        }
    }

    static boolean anyFileContains(Path root, byte[] needle) throws Exception {
        try (var files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                if (contains(Files.readAllBytes(file), needle)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
