package org.parley.cli.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses one input line: a line starting with {@code /} is a command (IRC style), anything else is
 * text for the current room. {@code //text} sends text that starts with a slash.
 */
public final class ChatInputParser {
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})([smhd])");
    private static final int DEFAULT_HISTORY = 20;
    private static final int MAX_HISTORY = 200;

    private ChatInputParser() {
    }

    public static ChatInput parse(String line) {
        if (!line.startsWith("/")) {
            return new ChatInput.Say(line);
        }
        if (line.startsWith("//")) {
            return new ChatInput.Say(line.substring(1));
        }
        String body = line.substring(1).strip();
        int space = body.indexOf(' ');
        String word = (space < 0 ? body : body.substring(0, space)).toLowerCase(Locale.ROOT);
        String rest = space < 0 ? "" : body.substring(space + 1).strip();
        String[] first = splitFirst(rest);
        return switch (word) {
            case "join", "j" -> rest.isEmpty() ? invalid(word, "/join ROOM") : new ChatInput.Join(rest);
            case "leave", "part" -> new ChatInput.Leave(optional(rest));
            case "rooms", "list" -> new ChatInput.Rooms();
            case "who", "names" -> new ChatInput.Who(optional(rest));
            case "msg", "m" -> first[1].isEmpty() ? invalid(word, "/msg USER TEXT") : new ChatInput.Msg(first[0], first[1]);
            case "verify" -> verify(word, first);
            case "accept" -> rest.isEmpty() || !first[1].isEmpty() ? invalid(word, "/accept USER") : new ChatInput.Accept(rest);
            case "devices" -> devices(word, first);
            case "topic" -> rest.isEmpty() ? invalid(word, "/topic TEXT") : new ChatInput.Topic(rest);
            case "invite" -> rest.isEmpty() ? invalid(word, "/invite USER") : new ChatInput.Invite(rest);
            case "uninvite" -> rest.isEmpty() ? invalid(word, "/uninvite USER") : new ChatInput.Uninvite(rest);
            case "create" -> CreateOptions.parse(first[0], first[1]).orElseGet(() -> invalid(word, CreateOptions.USAGE));
            case "room-security", "roomsecurity" -> new ChatInput.RoomSecurity(optional(rest));
            case "unban" -> rest.isEmpty() ? invalid(word, "/unban USER") : new ChatInput.Unban(rest);
            case "op" -> rest.isEmpty() ? invalid(word, "/op USER") : new ChatInput.Op(rest, true);
            case "deop" -> rest.isEmpty() ? invalid(word, "/deop USER") : new ChatInput.Op(rest, false);
            case "kick" -> rest.isEmpty() ? invalid(word, "/kick USER [REASON]") : new ChatInput.Kick(first[0], first[1]);
            case "ban" -> rest.isEmpty() ? invalid(word, "/ban USER [DURATION like 10m, 2h, 1d] [REASON]") : ban(first);
            case "history" -> history(word, rest);
            case "suite" -> new ChatInput.Suite();
            case "rekey" -> new ChatInput.Rekey();
            case "fingerprint" -> new ChatInput.Fingerprint();
            case "passwd", "password" -> rest.isEmpty() ? new ChatInput.Passwd(Optional.empty(), Optional.empty())
                    : first[1].isEmpty() ? invalid(word, "/passwd CURRENT NEW")
                    : new ChatInput.Passwd(Optional.of(first[0]), Optional.of(first[1]));
            case "addkey" -> rest.isEmpty() ? invalid(word, "/addkey FILE") : new ChatInput.AddKey(Path.of(rest));
            case "keys" -> new ChatInput.Keys();
            case "removekey" -> rest.isEmpty() ? invalid(word, "/removekey FINGERPRINT") : new ChatInput.RemoveKey(rest);
            case "quit", "exit" -> new ChatInput.Quit();
            case "help", "?" -> new ChatInput.Help();
            default -> new ChatInput.Invalid(word, "");
        };
    }

    private static ChatInput verify(String word, String[] first) {
        boolean mark = first[1].equals("--mark");
        if (first[0].isEmpty() || first[0].startsWith("-") || !(first[1].isEmpty() || mark)) {
            return invalid(word, "/verify USER [--mark]");
        }
        return new ChatInput.Verify(first[0], mark);
    }

    private static ChatInput devices(String word, String[] first) {
        if (first[0].isEmpty()) {
            return new ChatInput.Devices();
        }
        if (first[0].equals("remove") && first[1].matches("[0-9]{1,18}")) {
            return new ChatInput.RemoveDevice(Long.parseLong(first[1]));
        }
        return invalid(word, "/devices [remove ID]");
    }

    private static ChatInput ban(String[] first) {
        String[] next = splitFirst(first[1]);
        Matcher matcher = DURATION.matcher(next[0].toLowerCase(Locale.ROOT));
        if (!next[0].isEmpty() && matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            Duration duration = switch (matcher.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return new ChatInput.Ban(first[0], duration, next[1]);
        }
        return new ChatInput.Ban(first[0], Duration.ZERO, first[1]);
    }

    private static ChatInput history(String word, String rest) {
        String[] first = splitFirst(rest);
        Optional<String> peer = Optional.empty();
        String count = rest;
        if (first[0].startsWith("@") && first[0].length() > 1) {
            peer = Optional.of(first[0].substring(1));
            count = first[1];
        }
        if (count.isEmpty()) {
            return new ChatInput.History(peer, DEFAULT_HISTORY);
        }
        try {
            int limit = Integer.parseInt(count);
            if (limit >= 1 && limit <= MAX_HISTORY) {
                return new ChatInput.History(peer, limit);
            }
        } catch (NumberFormatException e) {
            return invalid(word, "/history [@USER] [N]");
        }
        return invalid(word, "/history [@USER] [N]   (N is 1.." + MAX_HISTORY + ")");
    }

    private static ChatInput invalid(String word, String usage) {
        return new ChatInput.Invalid(word, usage);
    }

    private static Optional<String> optional(String rest) {
        return rest.isEmpty() ? Optional.empty() : Optional.of(rest);
    }

    private static String[] splitFirst(String text) {
        int space = text.indexOf(' ');
        return space < 0 ? new String[] {text, ""} : new String[] {text.substring(0, space), text.substring(space + 1).strip()};
    }
}
