package org.parley.cli.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A fenced code block of one of the project's Markdown documents, read from the file itself, so
 * that a test checks the text a reader sees, exactly as written.
 */
final class MarkdownBlock {
    private MarkdownBlock() {
    }

    /** A file of the checkout (README.md, docs/OPERATIONS.md, ...). */
    static Path projectFile(String relative) {
        return Path.of(System.getProperty("parley.project.root", "..")).resolve(relative);
    }

    /**
     * The body of the first fenced block whose opening fence line is {@code fence} (e.g.
     * {@code ```properties}) and that comes after the first line containing {@code anchor}.
     */
    static String after(String document, String anchor, String fence) throws IOException {
        List<String> lines = Files.readAllLines(projectFile(document));
        int at = indexOf(lines, 0, line -> line.contains(anchor), document + ": no line with " + anchor);
        int open = indexOf(lines, at, line -> line.equals(fence), document + ": no " + fence + " after " + anchor);
        int close = indexOf(lines, open + 1, line -> line.equals("```"), document + ": unclosed block after " + anchor);
        return String.join("\n", lines.subList(open + 1, close)) + "\n";
    }

    private static int indexOf(List<String> lines, int from, java.util.function.Predicate<String> test, String missing) {
        for (int i = from; i < lines.size(); i++) {
            if (test.test(lines.get(i))) {
                return i;
            }
        }
        throw new IllegalStateException(missing);
    }
}
