package org.parley.lab.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.crypto.Bytes;

/** The lab recording format: what is written reads back the same; anything malformed is refused with its line. */
class LabRecordingTest {
    @TempDir
    Path dir;

    @Test
    void framesReadBackExactlyAsWrittenWithTheirIndicesPerConnectionAndDirection() throws Exception {
        List<CapturedFrame> frames = List.of(
                new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0, Bytes.fromHex("160002aabb")),
                new CapturedFrame(1, Direction.SERVER_TO_CLIENT, 0, Bytes.fromHex("17000100")),
                new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 1, Bytes.fromHex("17000111")),
                new CapturedFrame(2, Direction.CLIENT_TO_SERVER, 0, Bytes.fromHex("15000132")));
        Path file = dir.resolve("session.txt");
        LabRecording.write(file, frames);
        assertThat(LabRecording.read(file)).isEqualTo(frames);
        assertThat(Files.readAllLines(file).getFirst()).isEqualTo(LabRecording.HEADER);
    }

    @ParameterizedTest(name = "line \"{0}\" is refused: {1}")
    @CsvSource(delimiter = '|', value = {
        "1 C>S 16000100 extra|expected CONNECTION DIRECTION HEX",
        "x C>S 16000100|connection is not a number",
        "0 C>S 16000100|connection outside 1..10000",
        "1 C<S 16000100|direction must be C>S or S>C",
        "1 C>S 16zz|frame is not hex",
        "1 C>S 160005aa|frame header length does not match the payload",
        "1 C>S 16|frame header length does not match the payload"})
    void malformedLinesAreRefusedWithTheirNumberAndReason(String line, String reason) throws Exception {
        Path file = dir.resolve("bad.txt");
        Files.writeString(file, LabRecording.HEADER + "\n# a comment\n" + line + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabRecording.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage("line 3: " + reason);
    }

    @Test
    void aFileWithoutTheHeaderIsNotARecording() throws Exception {
        Path file = dir.resolve("pcap.bin");
        Files.write(file, new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2, 0, 4, 0});
        assertThatThrownBy(() -> LabRecording.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessageContaining("not a parley-lab recording");
    }

    @Test
    void anOverlongLineIsRefusedBeforeItIsDecoded() throws Exception {
        Path file = dir.resolve("long.txt");
        Files.writeString(file, LabRecording.HEADER + "\n1 C>S " + "00".repeat(70_000) + "\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> LabRecording.read(file)).isInstanceOf(RecordingFormatException.class)
                .hasMessage("line 2: line longer than any frame can be");
    }
}
