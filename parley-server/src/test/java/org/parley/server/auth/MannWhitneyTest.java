package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class MannWhitneyTest {

    @Test
    void identicalSamplesGiveZeroZ() {
        long[] sample = {5, 1, 4, 2, 3};

        assertThat(MannWhitney.of(sample, sample.clone()).z()).isEqualTo(0.0);
    }

    @Test
    void completelySeparatedSamplesOfTenGiveTheTextbookValue() {
        long[] low = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        long[] high = {11, 12, 13, 14, 15, 16, 17, 18, 19, 20};

        MannWhitney result = MannWhitney.of(high, low);

        // U = 100, mean 50, variance 100 * 21 / 12 = 175: z = 50 / sqrt(175).
        assertThat(result.u()).isEqualTo(100.0);
        assertThat(result.z()).isCloseTo(50 / Math.sqrt(175), within(1e-12));
        assertThat(MannWhitney.of(low, high).z()).isCloseTo(-50 / Math.sqrt(175), within(1e-12));
    }

    @Test
    void tiesShareTheirMeanRankAndShrinkTheVariance() {
        long[] a = {1, 2, 2};
        long[] b = {2, 3, 3};

        MannWhitney result = MannWhitney.of(a, b);

        // Ranks: 1 -> 1; 2,2,2 -> 3; 3,3 -> 5.5. Rank sum of a = 1 + 3 + 3 = 7, U = 7 - 6 = 1.
        // Variance = 9/12 * (7 - (24 + 6) / 30) = 0.75 * 6 = 4.5; z = (1 - 4.5) / sqrt(4.5).
        assertThat(result.u()).isEqualTo(1.0);
        assertThat(result.z()).isCloseTo(-3.5 / Math.sqrt(4.5), within(1e-12));
    }
}
