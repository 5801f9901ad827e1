package org.parley.cli.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.parley.cli.Messages;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomSecurityView;

/**
 * The translated lines of {@code /room-security} (docs/E2EE.md, "Rooms: labels"): per-message
 * forward secrecy along each sender chain, post-compromise security only after a rekey, the own
 * chain's epoch and messages left before the next rekey, and the membership-log status. Every fact
 * comes from the client library's {@link RoomSecurityView}, which holds no key.
 */
final class RoomSecurityText {
    /** Hex digits of the log head shown: enough to compare by eye, as the safety-number groups are. */
    private static final int HEAD_DIGITS = 16;

    private RoomSecurityText() {
    }

    /** The lines for {@code room}; a plain room (no view) gets the one line that says so. */
    static List<String> lines(Messages text, String room, Optional<RoomSecurityView> view) {
        if (view.isEmpty()) {
            return List.of(text.get("room.security.plain", room));
        }
        RoomSecurityView v = view.get();
        List<String> lines = new ArrayList<>();
        lines.add(text.get("room.security.header", room));
        lines.add("  " + text.get("room.security.forwardSecrecy"));
        lines.add("  " + text.get("room.security.postCompromise"));
        lines.add("  " + v.ownEpoch()
                .map(epoch -> text.get("room.security.ownChain", epoch, v.ownMessagesInChain(), v.messagesUntilRekey()))
                .orElseGet(() -> text.get("room.security.noChain")));
        if (v.rekeyDue()) {
            lines.add("  " + text.get("room.security.rekeyDue"));
        }
        lines.add("  " + text.get("room.security.senderChains", v.senderChains()));
        lines.add("  " + log(text, v.log()));
        lines.add("  " + text.get("room.history.notShared"));
        return lines;
    }

    /** The membership-log line: verified with its size and head, or the problem and the log still in force. */
    static String log(Messages text, LogStatus status) {
        return switch (status) {
            case LogStatus.Verified verified -> text.get("room.security.logVerified", verified.entries(),
                    shortHead(verified.head().toHex()));
            case LogStatus.Problem problem -> text.get("room.security.logProblem", problem(text, problem.error()),
                    problem.entries());
        };
    }

    /** A refusal in words ("membership log forked"), or its name in lower case if no text exists. */
    static String problem(Messages text, RoomError error) {
        String key = "room.problem." + error.name();
        return text.has(key) ? text.get(key) : error.name().toLowerCase(Locale.ROOT);
    }

    private static String shortHead(String hex) {
        return hex.length() <= HEAD_DIGITS ? hex : hex.substring(0, HEAD_DIGITS) + "…";
    }
}
