package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.KnownServersFile;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;

class KnownServersCommandTest {
    private static final Fingerprint FIRST = new Fingerprint(Bytes.wrapOwned(new byte[32]));
    private static final Fingerprint SECOND = new Fingerprint(Bytes.fromHex("ab".repeat(32)));

    @TempDir
    Path temp;

    @Test
    void listPrintsEachPinWithItsLineNumber() {
        Path file = temp.resolve("known_servers");
        KnownServersFile pins = new KnownServersFile(file);
        pins.pin("chat.example.org:7443", FIRST);
        pins.pin("[::1]:7443", SECOND);
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("known-servers", "list", "--known-servers", file.toString());

        assertThat(status).isZero();
        assertThat(cli.out.toString().lines()).containsExactly(
                "1\tchat.example.org:7443\t" + FIRST,
                "2\t[::1]:7443\t" + SECOND);
    }

    @Test
    void removeTakesTheAddressAsTypedIncludingABareIpv6LiteralAndKeepsTheOtherPins() {
        Path file = temp.resolve("known_servers");
        KnownServersFile pins = new KnownServersFile(file);
        pins.pin("chat.example.org:7443", FIRST);
        pins.pin("[::1]:7443", SECOND);
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("known-servers", "remove", "::1", "--known-servers", file.toString());

        assertThat(status).isZero();
        assertThat(cli.out.toString()).contains("removed the pin of [::1]:7443");
        assertThat(pins.pinned("[::1]:7443")).isEmpty();
        assertThat(pins.pinned("chat.example.org:7443")).contains(FIRST);
    }

    @Test
    void removingAServerWithoutAPinFailsWithStatusOne() {
        Path file = temp.resolve("known_servers");
        new KnownServersFile(file).pin("chat.example.org:7443", FIRST);
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("known-servers", "remove", "other.example.org", "--known-servers", file.toString());

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString()).contains("no pin for other.example.org:7443");
    }
}
