package org.parley.cli.chat;

import java.util.Arrays;
import org.parley.crypto.SigningKey;

/** How the chat client authenticates: with a password (SCRAM) or with a login key. */
public sealed interface LoginMethod {

    /**
     * A password, held as chars so it can be wiped after use.
     *
     * <p><b>Security.</b> {@link #wipe()} overwrites it; {@code toString} never shows it.
     */
    record Password(char[] password) implements LoginMethod {
        public void wipe() {
            Arrays.fill(password, '\0');
        }

        @Override
        public String toString() {
            return "Password[hidden]";
        }
    }

    /** Ask for the password at the terminal, after the server's key has been accepted (as ssh does). */
    record Prompt() implements LoginMethod {
    }

    /** A login key read from a {@code parley keygen} file. */
    record Key(SigningKey key) implements LoginMethod {
    }
}
