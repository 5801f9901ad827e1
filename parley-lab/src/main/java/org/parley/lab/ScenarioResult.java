package org.parley.lab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.parley.lab.net.CapturedFrame;

/**
 * One scenario run for the scoreboard and for graders.
 *
 * @param outcome empty if the lab could not run the attack ({@code problem} says why)
 * @param captured the frames the attacker's proxy saw (empty for attacks that use no proxy)
 */
public record ScenarioResult(String scenario, Variant variant, Verdict expected, Optional<Outcome> outcome,
        Optional<String> problem, List<Step> steps, List<CapturedFrame> captured) {
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(problem, "problem");
        steps = List.copyOf(steps);
        captured = List.copyOf(captured);
    }

    /** True if the attack ran and ended as this lab expects. */
    public boolean asExpected() {
        return outcome.map(o -> o.verdict() == expected).orElse(false);
    }
}
