package org.parley.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.lab.scenario.Catalogue;

/** Runs scenarios against one target and collects their results. */
public final class Lab {
    private final List<Scenario> scenarios;

    public Lab(List<Scenario> scenarios) {
        this.scenarios = List.copyOf(scenarios);
    }

    /** The lab with every scenario of the catalogue. */
    public static Lab standard() {
        return new Lab(Catalogue.all());
    }

    public List<Scenario> scenarios() {
        return scenarios;
    }

    public Optional<Scenario> find(String name) {
        return scenarios.stream().filter(s -> s.name().equalsIgnoreCase(name)).findFirst();
    }

    /** Runs one scenario; a failure of the lab itself becomes a result with a problem, never an exception. */
    public ScenarioResult run(Scenario scenario, Variant variant, LabTarget target) {
        Trace trace = new Trace();
        if (!scenario.variants().contains(variant)) {
            return new ScenarioResult(scenario.name(), variant, scenario.expected(variant), Optional.empty(),
                    Optional.of("no " + variant.label() + " variant of " + scenario.name()), trace.steps(), trace.captured());
        }
        try {
            Outcome outcome = scenario.run(target, variant, trace);
            return new ScenarioResult(scenario.name(), variant, scenario.expected(variant), Optional.of(outcome),
                    Optional.empty(), trace.steps(), trace.captured());
        } catch (Exception e) {
            return new ScenarioResult(scenario.name(), variant, scenario.expected(variant), Optional.empty(),
                    Optional.of(e.getClass().getSimpleName() + ": " + e.getMessage()), trace.steps(), trace.captured());
        }
    }

    /** Every scenario against Parley, then each against each of its broken variants. */
    public List<ScenarioResult> runAll(LabTarget target) {
        List<ScenarioResult> results = new ArrayList<>();
        for (Scenario scenario : scenarios) {
            for (Variant variant : Variant.values()) {
                if (scenario.variants().contains(variant)) {
                    results.add(run(scenario, variant, target));
                }
            }
        }
        return results;
    }
}
