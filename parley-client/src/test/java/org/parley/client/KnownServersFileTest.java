package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

class KnownServersFileTest {
    private static final Fingerprint FIRST = Fingerprint.of(SignatureComponent.ED25519, Bytes.fromHex("01".repeat(32)));
    private static final Fingerprint SECOND = Fingerprint.of(SignatureComponent.ED25519, Bytes.fromHex("02".repeat(32)));

    @TempDir
    Path directory;

    @Test
    void aMissingFileHasNoPins() {
        var known = new KnownServersFile(directory.resolve("absent"));

        assertThat(known.pinned("example.org:7443")).isEmpty();
    }

    @Test
    void pinsAreReadBackFromTheFile() {
        Path file = directory.resolve("known_servers");
        new KnownServersFile(file).pin("example.org:7443", FIRST);

        var reopened = new KnownServersFile(file);

        assertThat(reopened.pinned("example.org:7443")).contains(FIRST);
        assertThat(reopened.pinned("example.org:7444")).isEmpty();
    }

    @Test
    void writesOneHostPortAndFingerprintLine() throws IOException {
        Path file = directory.resolve("known_servers");

        new KnownServersFile(file).pin("[::1]:7443", FIRST);

        assertThat(Files.readAllLines(file)).containsExactly("[::1]:7443 SHA256:" + FIRST.sha256().toHex());
    }

    @Test
    void createsTheDirectoryAndFileOwnerOnly() throws IOException {
        Path file = directory.resolve("home/.parley/known_servers");

        new KnownServersFile(file).pin("example.org:7443", FIRST);

        assertThat(Files.getPosixFilePermissions(file))
                .isEqualTo(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        assertThat(Files.getPosixFilePermissions(file.getParent())).isEqualTo(Set.of(PosixFilePermission.OWNER_READ,
                PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE));
    }

    @Test
    void rewritingKeepsCommentsBlankLinesAndOtherServersAndLeavesNoTemporaryFile() throws IOException {
        Path file = directory.resolve("known_servers");
        String other = "other.example:1 SHA256:" + SECOND.sha256().toHex();
        Files.writeString(file, "# my servers\n\n" + other + "\n", StandardCharsets.UTF_8);

        new KnownServersFile(file).pin("example.org:7443", FIRST);

        assertThat(Files.readAllLines(file))
                .containsExactly("# my servers", "", other, "example.org:7443 SHA256:" + FIRST.sha256().toHex());
        try (var listing = Files.list(directory)) {
            assertThat(listing).containsExactly(file);
        }
    }

    @Test
    void pinningAgainReplacesTheLineInPlace() throws IOException {
        Path file = directory.resolve("known_servers");
        var known = new KnownServersFile(file);
        known.pin("a.example:1", FIRST);
        known.pin("b.example:2", FIRST);

        known.pin("a.example:1", SECOND);

        assertThat(Files.readAllLines(file)).containsExactly(
                "a.example:1 SHA256:" + SECOND.sha256().toHex(), "b.example:2 SHA256:" + FIRST.sha256().toHex());
    }

    @Test
    void removeDropsOnlyThatServer() {
        var known = new KnownServersFile(directory.resolve("known_servers"));
        known.pin("a.example:1", FIRST);
        known.pin("b.example:2", SECOND);

        assertThat(known.remove("a.example:1")).isTrue();
        assertThat(known.remove("a.example:1")).isFalse();
        assertThat(known.pinned("a.example:1")).isEmpty();
        assertThat(known.pinned("b.example:2")).contains(SECOND);
    }

    @Test
    void acceptsTheSpacedDisplayFormOfAFingerprint() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "example.org:7443 " + FIRST + "\n", StandardCharsets.UTF_8);

        assertThat(new KnownServersFile(file).pinned("example.org:7443")).contains(FIRST);
    }

    @Test
    void rejectsAMalformedLineNamingFileAndLine() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "# ok\nexample.org:7443 SHA256:abcd\n", StandardCharsets.UTF_8);
        var known = new KnownServersFile(file);

        assertThatThrownBy(() -> known.pinned("example.org:7443"))
                .isInstanceOf(KnownServersFileException.class)
                .hasMessageContaining(file + ":2");
    }

    @Test
    void rejectsALineWithoutAPort() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "example.org SHA256:" + FIRST.sha256().toHex() + "\n", StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new KnownServersFile(file).pinned("example.org:7443"))
                .isInstanceOf(KnownServersFileException.class)
                .hasMessageContaining(":1");
    }

    @Test
    void rejectsAServerListedTwice() throws IOException {
        Path file = directory.resolve("known_servers");
        String line = "example.org:7443 SHA256:" + FIRST.sha256().toHex() + "\n";
        Files.writeString(file, line + line, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> new KnownServersFile(file).pinned("example.org:7443"))
                .isInstanceOf(KnownServersFileException.class)
                .hasMessageContaining("twice");
    }

    @Test
    void refusesToPinAnInvalidServerName() {
        var known = new KnownServersFile(directory.resolve("known_servers"));

        assertThatThrownBy(() -> known.pin("example.org", FIRST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> known.pin("a b:1", FIRST)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> known.pin("a:70000", FIRST)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void namesIpv6ServersWithBrackets() {
        assertThat(KnownServerEntry.serverName("::1", 7443)).isEqualTo("[::1]:7443");
        assertThat(KnownServerEntry.serverName("127.0.0.1", 7443)).isEqualTo("127.0.0.1:7443");
    }

    @Test
    void defaultPathIsUnderTheUsersHome() {
        assertThat(KnownServersFile.defaultPath())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".parley", "known_servers"));
    }

    @Test
    void aPinMatchesTheServerWhateverTheCaseOfItsHostName() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "Example.ORG:7443 SHA256:" + FIRST.sha256().toHex() + "\n", StandardCharsets.UTF_8);
        var known = new KnownServersFile(file);

        assertThat(known.pinned("EXAMPLE.org:7443")).as("a changed key is still refused, not asked about").contains(FIRST);
        assertThat(known.pinned("example.org:7443")).contains(FIRST);
        assertThat(known.find("example.org:7443")).map(KnownServer::fingerprint).contains(FIRST);
    }

    @Test
    void aNewPinIsWrittenInLowerCaseAndReplacesAnyOtherCaseOfTheSameServer() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "Example.ORG:7443 SHA256:" + FIRST.sha256().toHex() + "\n", StandardCharsets.UTF_8);
        var known = new KnownServersFile(file);

        known.pin("EXAMPLE.org:7443", SECOND);
        known.pin("Other.Example:7443", FIRST);

        assertThat(Files.readAllLines(file)).containsExactly("example.org:7443 SHA256:" + SECOND.sha256().toHex(),
                "other.example:7443 SHA256:" + FIRST.sha256().toHex());
    }

    @Test
    void removingAPinRemovesItWhateverTheCaseOfItsHostName() throws IOException {
        Path file = directory.resolve("known_servers");
        Files.writeString(file, "Example.ORG:7443 SHA256:" + FIRST.sha256().toHex() + "\n", StandardCharsets.UTF_8);
        var known = new KnownServersFile(file);

        assertThat(known.remove("example.org:7443")).isTrue();
        assertThat(known.pinned("Example.ORG:7443")).isEmpty();
    }

    @Test
    void ipLiteralsAndPortsStillMatchOnlyThemselves() {
        var known = new KnownServersFile(directory.resolve("known_servers"));
        known.pin("[FE80::1]:7443", FIRST);
        known.pin("192.0.2.1:7443", SECOND);

        assertThat(known.pinned("[fe80::1]:7443")).contains(FIRST);
        assertThat(known.pinned("192.0.2.1:7443")).contains(SECOND);
        assertThat(known.pinned("192.0.2.10:7443")).isEmpty();
        assertThat(known.pinned("192.0.2.1:7444")).isEmpty();
    }
}
