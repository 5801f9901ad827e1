package org.parley.cli.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The options of {@code /create ROOM [--private|--public] [--encrypted|--plain]}, in any order
 * ({@code private} and {@code public} also without dashes, as before). A private room is end-to-end
 * encrypted unless {@code --plain} says otherwise; a public room is plain unless {@code --encrypted}.
 * Contradictory or unknown options make the line invalid, so a typo never creates the wrong kind
 * of room (the choice is final).
 */
final class CreateOptions {
    static final String USAGE = "/create ROOM [--private|--public] [--encrypted|--plain]";

    private CreateOptions() {
    }

    /** The command, or empty when the name is missing or an option is unknown or contradicts another. */
    static Optional<ChatInput> parse(String room, String options) {
        if (room.isEmpty() || room.startsWith("-")) {
            return Optional.empty();
        }
        Boolean privateRoom = null;
        Boolean encrypted = null;
        for (String option : options.isEmpty() ? new String[0] : options.split("\\s+")) {
            switch (option.toLowerCase(Locale.ROOT)) {
                case "private", "--private" -> {
                    if (Boolean.FALSE.equals(privateRoom)) {
                        return Optional.empty();
                    }
                    privateRoom = true;
                }
                case "public", "--public" -> {
                    if (Boolean.TRUE.equals(privateRoom)) {
                        return Optional.empty();
                    }
                    privateRoom = false;
                }
                case "--encrypted" -> {
                    if (Boolean.FALSE.equals(encrypted)) {
                        return Optional.empty();
                    }
                    encrypted = true;
                }
                case "--plain" -> {
                    if (Boolean.TRUE.equals(encrypted)) {
                        return Optional.empty();
                    }
                    encrypted = false;
                }
                default -> {
                    return Optional.empty();
                }
            }
        }
        boolean isPrivate = privateRoom != null && privateRoom;
        return Optional.of(new ChatInput.Create(room, isPrivate, encrypted != null ? encrypted : isPrivate));
    }
}
