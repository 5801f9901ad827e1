package org.parley.cli;

import java.io.IOException;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/** Reads a password at the terminal with JLine, echoing a mask character instead of the text. */
public final class PasswordPrompt {
    private static final char MASK = '*';

    private PasswordPrompt() {
    }

    /** Prompts once on the system terminal. */
    public static char[] ask(String prompt) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            return ask(LineReaderBuilder.builder().terminal(terminal).build(), prompt);
        }
    }

    /** Prompts with an existing reader (its history never records the answer). */
    public static char[] ask(LineReader reader, String prompt) throws IOException {
        try {
            Object previous = reader.getVariable(LineReader.DISABLE_HISTORY);
            reader.setVariable(LineReader.DISABLE_HISTORY, Boolean.TRUE);
            try {
                return reader.readLine(prompt, MASK).toCharArray();
            } finally {
                reader.setVariable(LineReader.DISABLE_HISTORY, previous == null ? Boolean.FALSE : previous);
            }
        } catch (UserInterruptException | EndOfFileException e) {
            throw new IOException("no password entered", e);
        }
    }
}
