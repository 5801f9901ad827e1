package org.parley.cli.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.cli.CliContext;
import org.parley.cli.ParleyCommands;

/** Where docs/CLI.md shows what a command prints, the command prints it. */
class DocumentedOutputTest {

    private static String run(String... args) {
        StringWriter out = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), Map.of(), false);
        ParleyCommands.build(context).execute(args);
        return out.toString();
    }

    @Test
    void parleyHelpPrintsExactlyTheBlockInTheCliGuide() throws IOException {
        String documented = MarkdownBlock.after("docs/CLI.md", "`parley --help` prints", "```");

        assertThat(run("--help")).isEqualTo(documented);
        assertThat(documented).contains("  gui ");
    }

    @Test
    void parleySuitesPrintsEveryLineOfTheShortenedBlockInOrder() throws IOException {
        List<String> documented = MarkdownBlock.after("docs/CLI.md", "## `parley suites`", "```").lines()
                .filter(line -> !line.equals("…")).toList();

        List<String> printed = run("suites").lines().toList();

        assertThat(documented).hasSizeGreaterThan(3);
        assertThat(printed).containsSubsequence(documented);
    }
}
