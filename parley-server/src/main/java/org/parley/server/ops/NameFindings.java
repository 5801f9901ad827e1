package org.parley.server.ops;

import java.util.List;

/**
 * Existing user or room names that the current name rules would not accept, for the operator to
 * act on (rename by hand, disable, or leave): nothing is changed automatically.
 *
 * @param lookAlikes groups of two or more names that look alike (same confusable key), display
 *     names in canonical order
 * @param ruleBreaks names that break the rules for new names, each with the rule
 */
public record NameFindings(List<List<String>> lookAlikes, List<RuleBreak> ruleBreaks) {

    public NameFindings {
        lookAlikes = lookAlikes.stream().map(List::copyOf).toList();
        ruleBreaks = List.copyOf(ruleBreaks);
    }

    /** One name and the rule it breaks, as the server would have explained it. */
    public record RuleBreak(String name, String rule) {
    }

    public boolean isEmpty() {
        return lookAlikes.isEmpty() && ruleBreaks.isEmpty();
    }
}
