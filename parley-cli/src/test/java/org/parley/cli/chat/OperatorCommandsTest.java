package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.CliContext;
import org.parley.cli.ParleyCommands;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;
import org.parley.server.ServerSettings;
import org.parley.server.store.PrekeyKind;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoredPrekey;

/** The operator commands and {@code fingerprint} on the data directory of a stopped server. */
class OperatorCommandsTest {

    @TempDir
    Path temp;

    private record Result(int status, String out, String err) {
    }

    private static Result run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(err, true), env, false);
        int status = ParleyCommands.build(context).execute(args);
        return new Result(status, out.toString(), err.toString());
    }

    @Test
    void operatorCommandsWorkOnAStoppedServersDataDirectory() throws Exception {
        Path data = temp.resolve("data");
        String fingerprint;
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0)));
                JsonChatClient alice = new JsonChatClient(server.address().getPort(), "张伟", "a long enough password", true,
                        temp.resolve("known"), true)) {
            fingerprint = server.keys().getFirst().fingerprint().toString();
            alice.awaitEvent(JsonChatClient.type("joined"));
        }

        Result fingerprints = run(Map.of(), "fingerprint", "--data", data.toString());
        Result users = run(Map.of("PARLEY_DATA", data.toString()), "users", "list");
        Result disable = run(Map.of(), "users", "disable", "--data", data.toString(), "张伟");
        Result afterDisable = run(Map.of(), "users", "list", "--data", data.toString());
        Result invites = run(Map.of(), "invites", "create", "--data", data.toString(), "--count", "2");
        Result rooms = run(Map.of(), "rooms", "list", "--data", data.toString());
        Result reset = run(Map.of("NEW_PW", "another long password"), "users", "reset-password", "--data", data.toString(),
                "--password-env", "NEW_PW", "张伟");

        assertThat(fingerprints.status()).isZero();
        assertThat(fingerprints.out()).contains(fingerprint);
        assertThat(users.out()).contains("张伟\tenabled");
        assertThat(disable.status()).isZero();
        assertThat(afterDisable.out()).contains("张伟\tdisabled");
        assertThat(invites.status()).isZero();
        assertThat(invites.out().lines().toList()).hasSize(2).doesNotHaveDuplicates();
        assertThat(rooms.out()).containsIgnoringCase("lobby");
        assertThat(reset.status()).as(reset.err()).isZero();
    }

    @Test
    void usersDevicesListsAndRemovesAUsersDevices() throws Exception {
        Path data = temp.resolve("data");
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0)));
                JsonChatClient alice = new JsonChatClient(server.address().getPort(), "张伟", "a long enough password", true,
                        temp.resolve("known"), true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));
        }
        try (SqliteStore store = SqliteStore.open(data.resolve("parley.db"))) {
            Bytes identity = Bytes.fromHex("ab".repeat(64));
            StoredPrekey signed = new StoredPrekey(PrekeyKind.SIGNED_X25519, 1, Bytes.fromHex("01".repeat(101)));
            StoredPrekey lastResort = new StoredPrekey(PrekeyKind.LAST_RESORT_KEM, 1, Bytes.fromHex("04".repeat(1253)));
            store.e2e().addDevice("张伟", identity, identity.slice(0, 32), "手机", 0, signed, lastResort);
            store.e2e().addDevice("张伟", Bytes.fromHex("cd".repeat(64)), Bytes.fromHex("cd".repeat(32)), "laptop", 0,
                    signed, lastResort);
        }

        Result listed = run(Map.of(), "users", "devices", "--data", data.toString(), "张伟");
        // Device 1 is the chat client's own end-to-end device; the two added by hand are 2 and 3.
        Result removed = run(Map.of(), "users", "devices", "--data", data.toString(), "张伟", "--remove", "2");
        Result again = run(Map.of(), "users", "devices", "--data", data.toString(), "张伟", "--remove", "2");
        Result after = run(Map.of(), "users", "devices", "--data", data.toString(), "张伟");

        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out().lines().toList()).hasSize(3).element(1).asString().startsWith("2\t手机\t")
                .endsWith("key abababababababab");
        assertThat(removed.status()).isZero();
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).contains("no device 2");
        assertThat(after.out().lines().toList()).hasSize(2).last().asString().startsWith("3\tlaptop");
    }

    @Test
    void usersKeysListsAUsersLoginKeysByFingerprintAndRemovesOne() throws Exception {
        Path data = temp.resolve("data");
        try (ParleyServer server = ParleyServer.start(ServerSettings.defaults(data).withBind(new InetSocketAddress("127.0.0.1", 0)));
                JsonChatClient alice = new JsonChatClient(server.address().getPort(), "张伟", "a long enough password", true,
                        temp.resolve("known"), true)) {
            alice.awaitEvent(JsonChatClient.type("joined"));
        }
        RegisteredPublicKey one = new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("01".repeat(32)));
        RegisteredPublicKey two = new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("02".repeat(32)));
        try (SqliteStore store = SqliteStore.open(data.resolve("parley.db"))) {
            store.addLoginKey("张伟", one);
            store.addLoginKey("张伟", two);
        }
        String first = LoginKeyFingerprints.of(one).toString();

        Result listed = run(Map.of(), "users", "keys", "--data", data.toString(), "张伟");
        Result removed = run(Map.of(), "users", "keys", "--data", data.toString(), "张伟", "--remove", first);
        Result again = run(Map.of(), "users", "keys", "--data", data.toString(), "张伟", "--remove", first);
        Result after = run(Map.of(), "users", "keys", "--data", data.toString(), "张伟");

        assertThat(listed.status()).as(listed.err()).isZero();
        assertThat(listed.out().lines().toList()).containsExactlyInAnyOrder("ED25519\t" + first, "ED25519\t" + LoginKeyFingerprints.of(two));
        assertThat(removed.status()).as(removed.err()).isZero();
        assertThat(removed.out()).contains(first);
        assertThat(again.status()).isNotZero();
        assertThat(again.err()).contains("no login key has that fingerprint");
        assertThat(after.out().lines()).singleElement().asString().endsWith(LoginKeyFingerprints.of(two).toString());
    }

    @Test
    void fingerprintOfAnEmptyDirectorySaysHowKeysAreMade() {
        Result result = run(Map.of(), "fingerprint", "--data", temp.resolve("nothing").toString());

        assertThat(result.status()).isEqualTo(1);
        assertThat(result.err()).contains("parley server");
    }
}
