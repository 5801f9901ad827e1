package org.parley.lab;

import java.util.Objects;
import java.util.Optional;

/** What one run of a scenario found: the verdict and, if a defence fired, which one. */
public record Outcome(Verdict verdict, Optional<Check> check) {
    public Outcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(check, "check");
    }

    public static Outcome defeated(Check check) {
        return new Outcome(Verdict.DEFEATED, Optional.of(check));
    }

    public static Outcome succeeded() {
        return new Outcome(Verdict.SUCCEEDED, Optional.empty());
    }
}
