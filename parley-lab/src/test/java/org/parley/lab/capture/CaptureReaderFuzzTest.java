package org.parley.lab.capture;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Optional;
import org.parley.lab.inspect.Inspection;
import org.parley.lab.inspect.Inspector;

/**
 * Fuzzes the capture reader and the inspector behind it with arbitrary files (seeds: a lab pcap, the
 * same as pcapng, a cut one, foreign traffic). Whatever the bytes, the result is a typed refusal or
 * frames with notes, and every frame is explained: nothing else may escape.
 */
class CaptureReaderFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void anyFileIsReadOrRefusedWithAReasonAndEveryFrameIsExplained(byte[] file) {
        Capture capture;
        try {
            capture = CaptureReader.fromCapture(file);
        } catch (CaptureFormatException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        Inspection inspection = Inspector.inspect(capture, Optional.empty());
        assertThat(inspection.frames()).hasSameSizeAs(capture.frames());
    }
}
