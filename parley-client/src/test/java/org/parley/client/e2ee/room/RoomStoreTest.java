package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

class RoomStoreTest {
    private static final String ROOM = "team";
    private static final FileTime LONG_AGO = FileTime.fromMillis(1_000_000_000_000L);

    @TempDir
    Path base;
    private DeviceDirectory directory;

    @BeforeEach
    void openDirectory() throws Exception {
        directory = DeviceDirectory.open(base.resolve("device"));
    }

    @Test
    void aSaveThatOnlyChangesTheSessionLeavesTheLogFileUntouched() throws Exception {
        RoomStore store = new RoomStore(directory);
        List<Bytes> entries = entries(200);
        store.save(ROOM, entries, session(1));
        Files.setLastModifiedTime(log(), LONG_AGO);

        store.save(ROOM, entries, session(2));

        assertThat(Files.getLastModifiedTime(log())).as("a message changes the session, not the log").isEqualTo(LONG_AGO);
        assertThat(reveal(new RoomStore(directory).load(ROOM).orElseThrow().session())).isEqualTo(session(2).orElseThrow().revealCopy());
    }

    @Test
    void aNewLogEntryIsAppendedAndTheStoreReadsBackTheWholeLogWithTheSession() throws Exception {
        RoomStore store = new RoomStore(directory);
        List<Bytes> entries = entries(3);
        store.save(ROOM, entries, session(1));
        long before = Files.size(log());

        List<Bytes> more = new ArrayList<>(entries);
        more.add(entry(3, 700));
        store.save(ROOM, more, session(2));

        assertThat(Files.size(log())).isEqualTo(before + 2 + 700);
        RoomStore.Stored stored = new RoomStore(directory).load(ROOM).orElseThrow();
        assertThat(stored.entries()).isEqualTo(more);
        assertThat(reveal(stored.session())).isEqualTo(session(2).orElseThrow().revealCopy());
    }

    @Test
    void entriesAppendedJustBeforeACrashThatTheStateDoesNotCountAreNotReadAndAreWrittenOver() throws Exception {
        new RoomStore(directory).save(ROOM, entries(2), session(1));
        byte[] stateOfTwo = Files.readAllBytes(state());
        new RoomStore(directory).save(ROOM, entries(4), session(2));
        Files.write(state(), stateOfTwo); // the crash came after the log's append, before the state's write
        Files.write(log(), new byte[] {0, 9, 1, 2}, StandardOpenOption.APPEND); // and a record cut short after them

        RoomStore restarted = new RoomStore(directory);
        assertThat(restarted.load(ROOM).orElseThrow().entries()).isEqualTo(entries(2));
        List<Bytes> three = new ArrayList<>(entries(2));
        three.add(entry(99, 5));
        restarted.save(ROOM, three, session(3));

        assertThat(new RoomStore(directory).load(ROOM).orElseThrow().entries()).isEqualTo(three);
        assertThat(Files.size(log())).isEqualTo(RoomLogFile.file(three).length);
    }

    @Test
    void aLogThatIsNotAnExtensionOfTheOneWrittenIsWrittenAnew() throws Exception {
        RoomStore store = new RoomStore(directory);
        store.save(ROOM, entries(3), session(1));
        List<Bytes> other = List.of(entry(50, 10), entry(51, 10));

        store.save(ROOM, other, Optional.empty());

        RoomStore.Stored stored = new RoomStore(directory).load(ROOM).orElseThrow();
        assertThat(stored.entries()).isEqualTo(other);
        assertThat(stored.session()).isEmpty();
    }

    @Test
    void aStopWhileTheLogFileIsWrittenAnewLeavesAStateThatDoesNotNeedIt() throws Exception {
        new RoomStore(directory).save(ROOM, entries(4), session(1));
        List<Bytes> other = List.of(entry(50, 10), entry(51, 10)); // a log that does not extend the stored one
        RoomStore stopping = new RoomStore(directory, () -> {
            if (java.util.Arrays.equals(Files.readAllBytes(log()), RoomLogFile.file(other))) {
                throw new java.io.IOException("stopped once the log file holds the new log, before the next state (test)");
            }
        });

        assertThatThrownBy(() -> stopping.save(ROOM, other, session(2))).hasMessageContaining("stopped");

        assertThat(Files.readAllBytes(log())).as("the log file was written anew").isEqualTo(RoomLogFile.file(other));
        RoomStore.Stored stored = new RoomStore(directory).load(ROOM).orElseThrow();
        assertThat(stored.entries()).isEqualTo(other);
        assertThat(reveal(stored.session())).isEqualTo(session(2).orElseThrow().revealCopy());
    }

    @Test
    void aStateOfTheFormerVersionWithTheLogInsideIsReadAndTheNextSaveMovesTheLogOut() throws Exception {
        List<Bytes> entries = entries(5);
        Files.createDirectories(state().getParent());
        Files.write(state(), legacyState(entries, session(1).orElseThrow().revealCopy()));

        RoomStore store = new RoomStore(directory);
        RoomStore.Stored stored = store.load(ROOM).orElseThrow();
        assertThat(stored.entries()).isEqualTo(entries);
        assertThat(reveal(stored.session())).isEqualTo(session(1).orElseThrow().revealCopy());

        store.save(ROOM, entries, session(2));
        assertThat(Files.readAllBytes(state())[0]).isEqualTo((byte) 2);
        assertThat(new RoomStore(directory).load(ROOM).orElseThrow().entries()).isEqualTo(entries);
    }

    @Test
    void aStateCountingMoreEntriesThanTheLogHoldsIsRefused() throws Exception {
        new RoomStore(directory).save(ROOM, entries(3), session(1));
        Files.write(log(), RoomLogFile.file(entries(2)));

        assertThatThrownBy(() -> new RoomStore(directory).load(ROOM)).hasMessageContaining("log entry 2 is missing");
    }

    private Path log() {
        return directory.root().resolve("rooms/team/log");
    }

    private Path state() {
        return directory.root().resolve("rooms/team/state");
    }

    private static List<Bytes> entries(int count) {
        List<Bytes> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(entry(i, 250));
        }
        return entries;
    }

    private static Bytes entry(int seed, int length) {
        byte[] bytes = new byte[length];
        java.util.Arrays.fill(bytes, (byte) seed);
        return Bytes.wrapOwned(bytes);
    }

    private static Optional<SecretBytes> session(int seed) {
        byte[] bytes = new byte[64];
        java.util.Arrays.fill(bytes, (byte) seed);
        return Optional.of(SecretBytes.wrapOwned(bytes));
    }

    private static byte[] reveal(Optional<SecretBytes> session) {
        return session.orElseThrow().revealCopy();
    }

    private static byte[] legacyState(List<Bytes> entries, byte[] session) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(1);
            out.writeInt(entries.size());
            for (Bytes entry : entries) {
                out.writeShort(entry.length());
                out.write(entry.toByteArray());
            }
            out.writeByte(1);
            out.writeInt(session.length);
            out.write(session);
        }
        return bytes.toByteArray();
    }
}
