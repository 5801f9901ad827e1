package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RoomLadderTest {

    /** A server that sustains every rate up to {@code limit} messages a second; records each room it was asked for. */
    private static final class FakeServer implements RoomLadder {
        final List<FanoutSettings> rooms = new ArrayList<>();
        final List<List<Double>> warmUpRates = new ArrayList<>();
        private final double limit;

        FakeServer(double limit) {
            this.limit = limit;
        }

        @Override
        public Run run(FanoutSettings settings, List<Double> warmUp) {
            rooms.add(settings);
            warmUpRates.add(warmUp);
            List<FanoutStep> steps = new ArrayList<>();
            for (double rate : settings.rates()) {
                long expected = Math.round(rate * 9);
                long delivered = rate <= limit ? expected : expected / 2;
                steps.add(new FanoutStep(rate, 1, Math.round(rate), Math.round(rate), 0, expected, delivered, 1_000,
                        2_000, 3_000, 1_000_000, 1_000_000, 1_000_000_000L, Map.of(), Map.of()));
            }
            return new Run(steps, rooms.size());
        }
    }

    private static FanoutSettings ladder(int refineSteps) {
        return new FanoutSettings(10, 2, 100, 1, 1, 1, List.of(1_000.0, 1_500.0, 2_250.0), true, refineSteps);
    }

    @Test
    void theRefinementRunsOnASecondFreshRoomWarmedUpAtTheBestSustainedRate() throws Exception {
        FakeServer server = new FakeServer(1_800);

        List<Integer> roomsWhenSettling = new ArrayList<>();

        RoomLadder.Run run = RoomLadder.refined(server, ladder(3), List.of(0.0), () -> roomsWhenSettling.add(server.rooms.size()));

        assertThat(server.rooms).hasSize(2);
        assertThat(server.rooms.get(1).rates()).hasSize(3)
                .allSatisfy(rate -> assertThat(rate).isStrictlyBetween(1_500.0, 2_250.0));
        assertThat(server.rooms.get(1).refineSteps()).isZero();
        assertThat(server.warmUpRates).containsExactly(List.of(0.0), List.of(1_500.0));
        assertThat(run.steps()).hasSize(6);
        assertThat(FanoutTable.best(run.steps()).offeredPerSecond()).isStrictlyBetween(1_500.0, 1_800.0);
        assertThat(run.disconnected()).isEqualTo(1 + 2);
        assertThat(roomsWhenSettling).as("the server settles once, between the ladder and its refinement").containsExactly(1);
    }

    @Test
    void aLadderWithNothingToRefineUsesOneRoom() throws Exception {
        FakeServer atTheTop = new FakeServer(10_000);
        FakeServer unrefined = new FakeServer(1_800);

        RoomLadder.Settle mustNotSettle = () -> {
            throw new AssertionError("nothing to refine, nothing to wait for");
        };

        assertThat(RoomLadder.refined(atTheTop, ladder(3), List.of(0.0), mustNotSettle).steps()).hasSize(3);
        assertThat(RoomLadder.refined(unrefined, ladder(0), List.of(0.0), mustNotSettle).steps()).hasSize(3);
        assertThat(atTheTop.rooms).hasSize(1);
        assertThat(unrefined.rooms).hasSize(1);
    }
}
