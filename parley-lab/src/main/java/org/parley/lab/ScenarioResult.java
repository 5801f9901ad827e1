package org.parley.lab;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One scenario run for the scoreboard and for graders.
 *
 * @param outcome empty if the lab could not run the attack ({@code problem} says why)
 */
public record ScenarioResult(String scenario, Variant variant, Verdict expected, Optional<Outcome> outcome,
        Optional<String> problem, List<Step> steps) {
    public ScenarioResult {
        Objects.requireNonNull(scenario, "scenario");
        Objects.requireNonNull(variant, "variant");
        Objects.requireNonNull(expected, "expected");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(problem, "problem");
        steps = List.copyOf(steps);
    }

    /** True if the attack ran and ended as this lab expects. */
    public boolean asExpected() {
        return outcome.map(o -> o.verdict() == expected).orElse(false);
    }
}
