package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.SendId;

/** The outbox files of a device directory (docs/E2EE.md 20.1, 20.3). */
class SendOutboxTest {
    @TempDir
    Path base;

    @Test
    void sendsLoadInTheOrderTheyWereWrittenAndADeletedOneIsGone() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        outbox.load();
        String first = outbox.prepare(send("one"), List.of());
        String second = outbox.prepare(send("two"), List.of());
        String third = outbox.prepare(send("three"), List.of());
        outbox.delete(second);

        SendOutbox.Loaded loaded = new SendOutbox(directory).load();

        assertThat(loaded.entries()).extracting(SendOutbox.Entry::file).containsExactly(first, third);
        assertThat(loaded.entries()).extracting(e -> ((PendingSend) e.send()).message().text()).containsExactly("one", "three");
        assertThat(loaded.unreadable()).isEmpty();
    }

    @Test
    void aNewSendAfterARestartComesAfterTheKeptOnes() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox before = new SendOutbox(directory);
        before.load();
        String kept = before.prepare(send("kept"), List.of());
        SendOutbox after = new SendOutbox(directory);
        after.load();

        String next = after.prepare(send("next"), List.of());

        assertThat(next).isGreaterThan(kept);
    }

    @Test
    void anUnreadableFileIsSetAsideWithItsReasonAndTheOthersLoad() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        outbox.load();
        String good = outbox.prepare(send("good"), List.of());
        directory.write("outbox/00000000000000000000", new byte[] {1, 1});
        directory.write("outbox/00000000000000000009", new byte[PendingSendCodec.MAX_BYTES + 1]);

        SendOutbox.Loaded loaded = new SendOutbox(directory).load();

        assertThat(loaded.entries()).extracting(SendOutbox.Entry::file).containsExactly(good);
        assertThat(loaded.unreadable()).extracting(u -> u.problem().reason())
                .containsExactly(OutboxFormatException.Reason.TRUNCATED, OutboxFormatException.Reason.TOO_LARGE);
        assertThat(directory.root().resolve("outbox/00000000000000000000")).doesNotExist();
        assertThat(directory.root().resolve("outbox/00000000000000000000.unreadable")).exists();
        assertThat(directory.root().resolve("outbox/00000000000000000009.unreadable")).exists();
    }

    @Test
    void aNumberSetAsideAsUnreadableIsNeverGivenToANewSendSoNoSetAsideFileIsOverwritten() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        directory.write("outbox/00000000000000000007", new byte[] {1, 1});
        SendOutbox first = new SendOutbox(directory);
        first.load();
        SendOutbox second = new SendOutbox(directory);
        second.load();

        String next = second.prepare(send("next"), List.of());

        assertThat(next).isGreaterThan("outbox/00000000000000000007");
        assertThat(directory.root().resolve("outbox/00000000000000000007.unreadable")).exists();
    }

    @Test
    void aPreparedSendWhoseSessionDoesNotDecodeIsSetAsideAndNothingIsStored() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        outbox.load();
        outbox.prepare(send("prepared"), List.of(new PendingSendCodec.Redo("sessions/bob.3", SecretBytes.copyOf(new byte[] {7}))));

        SendOutbox.Loaded loaded = new SendOutbox(directory).load();

        assertThat(loaded.entries()).isEmpty();
        assertThat(loaded.unreadable()).extracting(u -> u.problem().reason())
                .containsExactly(OutboxFormatException.Reason.BAD_VALUE);
        assertThat(Files.exists(directory.root().resolve("sessions/bob.3"))).isFalse();
    }

    @Test
    void plaintextRoomSendsLoadInOrderAmongTheOthersAndACorruptOneIsSetAside() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        outbox.load();
        String plain = outbox.keep(plain("plain one"));
        String e2e = outbox.prepare(send("private"), List.of());
        String corrupt = outbox.keep(plain("corrupt"));
        String last = outbox.keep(plain("plain two"));
        byte[] cut = Files.readAllBytes(directory.root().resolve(corrupt));
        directory.write(corrupt, java.util.Arrays.copyOf(cut, cut.length - 1));

        SendOutbox.Loaded loaded = new SendOutbox(directory).load();

        assertThat(loaded.entries()).extracting(SendOutbox.Entry::file).containsExactly(plain, e2e, last);
        assertThat(PlainRoomOutbox.plain(loaded.entries())).extracting(k -> k.send().text())
                .containsExactly("plain one", "plain two");
        assertThat(loaded.unreadable()).extracting(u -> u.problem().reason())
                .containsExactly(OutboxFormatException.Reason.TRUNCATED);
        assertThat(directory.root().resolve(corrupt + SendOutbox.UNREADABLE_SUFFIX)).exists();
    }

    @Test
    void aPlaintextRoomSendOverItsBoundIsNotWritten() throws Exception {
        DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
        SendOutbox outbox = new SendOutbox(directory);
        outbox.load();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> outbox.keep(plain("x".repeat(PendingSendCodec.MAX_PLAIN_TEXT_BYTES + 1))))
                .isInstanceOf(IllegalArgumentException.class);

        assertThat(new SendOutbox(directory).load().entries()).isEmpty();
    }

    private static PendingPlainSend plain(String text) {
        return new PendingPlainSend("lobby", text, new SendId(Bytes.fromHex("0102030405060708090a0b0c0d0e0f10")),
                Instant.ofEpochMilli(3));
    }

    private static PendingSend send(String text) {
        return new PendingSend("bob", List.of(new EnvelopeTarget("bob", 3, Bytes.wrapOwned(new byte[] {2, 1}))),
                new SendId(Bytes.fromHex("0102030405060708090a0b0c0d0e0f10")),
                new E2eMessage("bob", "alice", 5, true, E2eSuite.CLASSIC, "00ff", Instant.ofEpochMilli(1), text),
                Instant.ofEpochMilli(2));
    }
}
