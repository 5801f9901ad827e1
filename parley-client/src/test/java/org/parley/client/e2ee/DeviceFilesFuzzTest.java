package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Fuzzes the parsers of the device directory's own files (docs/E2EE.md 20.1): an outbox entry
 * ({@link PendingSendCodec}) fails only with an {@link OutboxFormatException} carrying a reason, and
 * whatever decodes re-encodes to exactly the input; a history line is parsed or skipped, never
 * thrown on; a history file of arbitrary bytes is read line by line without throwing, every line
 * within the bound. The files are the device's own, but a crash can cut them anywhere and a disk
 * can damage them, and a start must then go on. In plain {@code mvn test} each target runs over
 * its seeds (none but the empty input here); set JAZZER_FUZZ=1 to fuzz (docs/FUZZING.md).
 */
class DeviceFilesFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anOutboxEntryFailsOnlyWithItsOwnExceptionAndRoundTrips(byte[] input) {
        try {
            PendingSendCodec.Decoded decoded = PendingSendCodec.decode(input);
            byte[] again = switch (decoded.send()) {
                case PendingSend send -> PendingSendCodec.encode(send, decoded.redo());
                case PendingRoomSend send -> PendingSendCodec.encode(send);
                case PendingPlainSend send -> PendingSendCodec.encode(send);
            };
            assertThat(again).isEqualTo(input);
        } catch (OutboxFormatException expected) {
            assertThat(expected.reason()).isNotNull();
        }
    }

    @FuzzTest(maxDuration = "10s")
    void aHistoryLineIsParsedOrSkippedNeverThrownOn(FuzzedDataProvider data) {
        String line = data.consumeRemainingAsString();

        HistoryLine.parse("bob", line).ifPresent(message -> assertThat(message.peer()).isEqualTo("bob"));
    }

    @FuzzTest(maxDuration = "10s")
    void aHistoryFileOfAnyBytesIsReadLineByLineWithinTheBound(byte[] input) throws Exception {
        Path file = Files.createTempFile("parley-history-fuzz", "");
        try {
            Files.write(file, input);
            List<String> lines = new ArrayList<>();

            AppendedLines.forEach(file, 64, lines::add);

            assertThat(lines).allSatisfy(line -> assertThat(line).doesNotContain("\n"));
            assertThat(lines).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(64));
        } finally {
            Files.deleteIfExists(file);
        }
    }
}
