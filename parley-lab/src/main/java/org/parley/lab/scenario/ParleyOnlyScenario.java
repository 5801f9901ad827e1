package org.parley.lab.scenario;

import java.util.Set;
import org.parley.lab.Scenario;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;

/**
 * An attack with no broken variant to contrast it with: it runs against Parley only, where it
 * must be defeated. Subclasses give the command-line name and the attack itself.
 */
abstract class ParleyOnlyScenario implements Scenario {
    private final String name;

    ParleyOnlyScenario(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<Variant> variants() {
        return Set.of(Variant.PARLEY);
    }

    @Override
    public final Verdict expected(Variant variant) {
        return Verdict.DEFEATED;
    }
}
