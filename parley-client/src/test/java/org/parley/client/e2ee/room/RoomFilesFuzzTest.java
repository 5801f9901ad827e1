package org.parley.client.e2ee.room;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.e2ee.group.LogEntry;

/**
 * Fuzzes the parsers of an encrypted room's files in the device directory (docs/E2EE.md 20.7): a
 * log file read as far as a state counts fails only with an {@link IOException} and never gives
 * an entry out of bounds; a pending file of any bytes is read without throwing, at most
 * {@value PendingEnvelopes#MAX_PENDING} envelopes, each server id once; a history line is parsed or
 * skipped. A crash or a damaged disk can leave any bytes there, and a start must go on. In plain
 * {@code mvn test} each target runs over the empty input; set JAZZER_FUZZ=1 to fuzz (docs/FUZZING.md).
 */
class RoomFilesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void aLogFileFailsOnlyWithAnIoExceptionAndGivesEntriesWithinBounds(FuzzedDataProvider data) {
        int count = data.consumeInt(0, 64);
        byte[] file = data.consumeRemainingAsBytes();
        try {
            RoomLogFile.Read read = RoomLogFile.read(new ByteArrayInputStream(file), count);

            assertThat(read.entries()).hasSize(count);
            assertThat(read.entries()).allSatisfy(entry -> assertThat(entry.length()).isBetween(1, LogEntry.MAX_LENGTH));
            assertThat(read.end()).isLessThanOrEqualTo(file.length);
        } catch (IOException expected) {
            assertThat(expected.getMessage()).isNotBlank();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void aPendingFileOfAnyBytesIsReadWithinItsBound(byte[] input) throws Exception {
        Path base = Files.createTempDirectory("parley-pending-fuzz");
        try {
            DeviceDirectory directory = DeviceDirectory.open(base.resolve("device"));
            directory.write("rooms/team/pending", input);

            List<RoomStore.Pending> pending = new PendingEnvelopes(directory).read("team", "rooms/team/pending");

            assertThat(pending).hasSizeLessThanOrEqualTo(PendingEnvelopes.MAX_PENDING);
            assertThat(pending.stream().map(RoomStore.Pending::serverId).distinct().count()).isEqualTo(pending.size());
        } finally {
            try (var files = Files.walk(base)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    @FuzzTest(maxDuration = "10s")
    void aRoomHistoryLineIsParsedOrSkippedNeverThrownOn(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();

        RoomHistoryLine.parse("team", line).ifPresent(message -> assertThat(message.room()).isEqualTo("team"));
    }
}
