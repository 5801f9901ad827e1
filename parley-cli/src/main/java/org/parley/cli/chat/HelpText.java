package org.parley.cli.chat;

import java.util.List;

/** The slash commands with their syntax, in the order {@code /help} lists them. */
final class HelpText {
    /** Each entry: syntax; the terminal view adds a translated description by the command word. */
    static final List<String> COMMANDS = List.of(
            "/join ROOM", "/create ROOM [--private|--public] [--encrypted|--plain]", "/leave [ROOM]", "/rooms", "/who [ROOM|*]", "/msg USER TEXT", "/topic TEXT",
            "/invite USER", "/uninvite USER", "/kick USER [REASON]", "/ban USER [DURATION] [REASON]", "/unban USER",
            "/op USER", "/deop USER", "/history [@USER] [N]", "/verify USER [--mark]", "/accept USER", "/devices [remove ID]", "/room-security [ROOM]",
            "/suite", "/rekey", "/fingerprint", "/passwd", "/addkey FILE", "/keys", "/removekey FINGERPRINT", "/quit", "/help");

    private HelpText() {
    }

    /** The command word of an entry, e.g. {@code join}, used as the message-bundle key suffix. */
    static String word(String entry) {
        int space = entry.indexOf(' ');
        return (space < 0 ? entry : entry.substring(0, space)).substring(1);
    }
}
