package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;

class PendingEnvelopesTest {
    private static final String FILE = "rooms/team/pending";

    @TempDir
    Path base;
    private DeviceDirectory directory;

    @BeforeEach
    void openDirectory() throws Exception {
        directory = DeviceDirectory.open(base.resolve("device"));
    }

    @Test
    void aNewEnvelopeIsAppendedAndTheOnesWaitingAreNotWrittenAgain() throws Exception {
        PendingEnvelopes pending = new PendingEnvelopes(directory);
        for (int id = 1; id <= 150; id++) {
            pending.add("team", FILE, envelope(id));
        }
        byte[] before = Files.readAllBytes(file());

        assertThat(pending.add("team", FILE, envelope(151))).isTrue();

        byte[] after = Files.readAllBytes(file());
        assertThat(java.util.Arrays.copyOf(after, before.length)).as("the waiting envelopes' lines are untouched").isEqualTo(before);
        assertThat(new String(after, before.length, after.length - before.length, StandardCharsets.US_ASCII))
                .startsWith("151\t").endsWith("\n").containsOnlyOnce("\n");
    }

    @Test
    void anEnvelopeAlreadyWaitingIsNotAddedAgainEvenAfterARestart() throws Exception {
        new PendingEnvelopes(directory).add("team", FILE, envelope(7));

        PendingEnvelopes restarted = new PendingEnvelopes(directory);

        assertThat(restarted.add("team", FILE, envelope(7))).isFalse();
        assertThat(restarted.read("team", FILE)).extracting(RoomStore.Pending::serverId).containsExactly(7L);
    }

    @Test
    void theNewestTwoHundredCountAndTheFileIsWrittenAnewWhenItHoldsTwiceThat() throws Exception {
        PendingEnvelopes pending = new PendingEnvelopes(directory);
        for (int id = 1; id <= 399; id++) {
            pending.add("team", FILE, envelope(id));
        }
        assertThat(Files.readAllLines(file())).hasSize(399);
        assertThat(pending.read("team", FILE)).extracting(RoomStore.Pending::serverId).first().isEqualTo(200L);

        pending.add("team", FILE, envelope(400));

        assertThat(Files.readAllLines(file())).hasSize(PendingEnvelopes.MAX_PENDING);
        List<Long> ids = new ArrayList<>();
        new PendingEnvelopes(directory).read("team", FILE).forEach(p -> ids.add(p.serverId()));
        assertThat(ids).hasSize(200).startsWith(201L).endsWith(400L);
    }

    @Test
    void aLineCutShortByACrashIsNotReadAndTheNextAppendStartsOnItsOwnLine() throws Exception {
        new PendingEnvelopes(directory).add("team", FILE, envelope(1));
        Files.writeString(file(), "2\t616c696365\tAAAA", StandardOpenOption.APPEND);

        PendingEnvelopes restarted = new PendingEnvelopes(directory);
        assertThat(restarted.read("team", FILE)).extracting(RoomStore.Pending::serverId).containsExactly(1L);
        restarted.add("team", FILE, envelope(3));

        assertThat(new PendingEnvelopes(directory).read("team", FILE)).extracting(RoomStore.Pending::serverId)
                .containsExactly(1L, 3L);
    }

    private Path file() {
        return directory.root().resolve(FILE);
    }

    private static RoomStore.Pending envelope(long id) {
        byte[] body = new byte[300];
        java.util.Arrays.fill(body, (byte) id);
        return new RoomStore.Pending(id, "alice", Bytes.wrapOwned(body));
    }
}
