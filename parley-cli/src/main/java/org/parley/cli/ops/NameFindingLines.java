package org.parley.cli.ops;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.server.ops.NameFindings;

/**
 * Prints {@link NameFindings} for {@code parley users confusables} and {@code parley rooms
 * confusables}: one line per group of look-alike names, one per name that breaks a rule. A name
 * with any character outside printable ASCII is followed by its code points, so that invisible
 * and look-alike characters show.
 */
final class NameFindingLines {

    private NameFindingLines() {
    }

    static List<String> lines(NameFindings findings, String what) {
        if (findings.isEmpty()) {
            return List.of("no " + what + " look alike or break the current name rules");
        }
        List<String> lines = new ArrayList<>();
        for (List<String> group : findings.lookAlikes()) {
            lines.add("look alike:\t" + group.stream().map(NameFindingLines::shown).collect(Collectors.joining("\t")));
        }
        for (NameFindings.RuleBreak broken : findings.ruleBreaks()) {
            lines.add("breaks a rule:\t" + shown(broken.name()) + "\t" + broken.rule());
        }
        return lines;
    }

    /** The name, and its code points if it has any character outside printable ASCII. */
    static String shown(String name) {
        if (name.chars().allMatch(c -> c >= 0x20 && c < 0x7F)) {
            return name;
        }
        return name + " [" + name.codePoints().mapToObj(cp -> String.format("U+%04X", cp))
                .collect(Collectors.joining(" ")) + "]";
    }
}
