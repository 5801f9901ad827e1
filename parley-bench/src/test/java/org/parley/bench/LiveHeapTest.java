package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveHeapTest {

    @Test
    void theLiveHeapIsTheHistogramTotalWithoutTheCollectorsFillerArrays() throws IOException {
        List<String> histogram = List.of(
                "12345:",
                " num     #instances         #bytes  class name (module)",
                "-------------------------------------------------------",
                "   1:         16830       27888616  [Ljdk.internal.vm.FillerElement; (java.base@25.0.3)",
                "   2:        416800       22484080  [B (java.base@25.0.3)",
                "   3:            10            480  jdk.internal.vm.FillerObject (java.base@25.0.3)",
                "   4:         40000        1280000  org.parley.crypto.Bytes",
                "Total        473640       51653176");

        assertThat(LiveHeap.liveBytes(histogram)).isEqualTo(51_653_176L - 27_888_616L - 480L);
    }

    @Test
    void aHistogramWithoutATotalLineIsAnError() {
        assertThrows(IOException.class, () -> LiveHeap.liveBytes(List.of("   1:   3   72  [B (java.base@25.0.3)")));
    }
}
