package org.parley.crypto.sig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The seed replay hands out its seed exactly once and refuses everything else. */
class SeedReplayRandomTest {
    private static final byte[] SEED = new byte[] {
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16,
        17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31, 32};

    @Test
    void returnsTheSeedOnceThenRefuses() {
        SeedReplayRandom replay = new SeedReplayRandom(SEED);
        byte[] first = new byte[32];

        replay.nextBytes(first);

        assertThat(first).isEqualTo(SEED);
        assertThatThrownBy(() -> replay.nextBytes(new byte[32])).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesARequestOfAnotherLength() {
        SeedReplayRandom replay = new SeedReplayRandom(SEED);

        assertThatThrownBy(() -> replay.nextBytes(new byte[16])).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(replay::nextInt).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> replay.generateSeed(32)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void reportsASeedThatWasNeverRead() {
        SeedReplayRandom replay = new SeedReplayRandom(SEED);

        assertThatThrownBy(replay::checkFullyConsumed).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void refusesToServeAfterWiping() {
        SeedReplayRandom replay = new SeedReplayRandom(SEED);

        replay.wipe();

        assertThatThrownBy(() -> replay.nextBytes(new byte[32])).isInstanceOf(IllegalStateException.class);
    }
}
