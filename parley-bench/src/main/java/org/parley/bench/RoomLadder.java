package org.parley.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs a fan-out ladder on a room joined for it, and leaves the room. {@link #refined} runs the
 * ladder, then its refinement steps ({@link FanoutSettings#refinement}) on a second, fresh room: the
 * coarse ladder ends on a step the server did not sustain, and a server may have dropped members
 * there (IRC servers close a member whose send queue overflowed), after which the same room would
 * measure fewer members, not the server. Before the refinement the server is given time to settle
 * ({@link ServerSettle}): it may still be working off the steps it did not sustain.
 */
@FunctionalInterface
interface RoomLadder {

    /** The steps of one ladder and how many members the server disconnected during it. */
    record Run(List<FanoutStep> steps, long disconnected) {
        public Run {
            steps = List.copyOf(steps);
        }
    }

    /**
     * Joins a room, runs {@code settings}' ladder after a warm-up of one step per rate of {@code warmUpRates}
     * (0: the first rate), leaves.
     */
    Run run(FanoutSettings settings, List<Double> warmUpRates) throws Exception;

    /** What runs between the ladder and its refinement: waits for the server to settle. */
    @FunctionalInterface
    interface Settle {
        void await() throws InterruptedException;
    }

    /**
     * The ladder of {@code settings}, then, if it has refinement steps, {@code settle} and those steps
     * on a fresh room warmed up at the best sustained rate; the steps of both in the order they ran.
     */
    static Run refined(RoomLadder ladder, FanoutSettings settings, List<Double> warmUpRates, Settle settle) throws Exception {
        Run coarse = ladder.run(settings, warmUpRates);
        List<Double> rates = FanoutSettings.refinement(coarse.steps(), settings.refineSteps());
        if (rates.isEmpty()) {
            return coarse;
        }
        settle.await();
        Run fine = ladder.run(settings.refining(rates), List.of(FanoutTable.best(coarse.steps()).offeredPerSecond()));
        List<FanoutStep> steps = new ArrayList<>(coarse.steps());
        steps.addAll(fine.steps());
        return new Run(steps, coarse.disconnected() + fine.disconnected());
    }
}
