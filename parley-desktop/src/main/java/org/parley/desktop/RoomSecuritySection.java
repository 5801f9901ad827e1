package org.parley.desktop;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomSecurityView;

/**
 * The Security panel's end-to-end section for one room (docs/E2EE.md, "Rooms: labels"), in the
 * style of the channel's labels: forward secrecy per message along each sender chain,
 * post-compromise security only after a rekey, this device's chain (epoch, messages sent, messages
 * left before the policy forces a rekey), the chains held from other devices, and the
 * membership-log status, verified or the problem. A plain room gets one line saying the server can
 * read it. Everything comes from the client library's {@link RoomSecurityView}, which holds no key.
 */
final class RoomSecuritySection {
    /** Hex digits of the log head shown, enough to compare by eye with another member. */
    private static final int HEAD_DIGITS = 16;

    private RoomSecuritySection() {
    }

    /** The section for {@code room}; {@code view} is empty for a room that is not end-to-end encrypted. */
    static VBox of(I18n i18n, String room, Optional<RoomSecurityView> view) {
        Label heading = new Label(i18n.get("roomE2e.heading", room));
        heading.getStyleClass().add("section");
        if (view.isEmpty()) {
            Label plain = wrapped(i18n.get("roomE2e.plain", room));
            plain.setId("roomE2ePlain");
            return new VBox(8, heading, plain);
        }
        RoomSecurityView v = view.get();
        Label explain = wrapped(i18n.get("roomE2e.explain"));
        Label summary = wrapped(i18n.get("roomE2e.summary", yes(i18n, v.forwardSecrecyPerMessage()),
                i18n.get("roomE2e.afterRekey")));
        summary.setId("roomE2eSummary");
        Label log = wrapped(logLine(i18n, v.log()));
        log.setId("roomE2eLog");
        log.getStyleClass().add(v.log() instanceof LogStatus.Problem ? "e2e-problem" : "e2e-verified");

        GridPane counters = new GridPane(18, 4);
        counters.setId("roomE2eCounters");
        List<Object[]> rows = List.of(
                new Object[] {"roomE2e.epoch", v.ownEpoch().map(String::valueOf).orElse(i18n.get("roomE2e.noChain"))},
                new Object[] {"roomE2e.sent", v.ownMessagesInChain()},
                new Object[] {"roomE2e.left", v.messagesUntilRekey()},
                new Object[] {"roomE2e.rekeyDue", yes(i18n, v.rekeyDue())},
                new Object[] {"roomE2e.chains", v.senderChains()});
        for (int row = 0; row < rows.size(); row++) {
            Object[] entry = rows.get(row);
            Label number = value(String.valueOf(entry[1]));
            number.setId(((String) entry[0]).replace('.', '-'));
            counters.addRow(row, wrapped(i18n.get((String) entry[0])), number);
        }
        Label history = wrapped(i18n.get("roomE2e.history"));
        return new VBox(8, heading, explain, summary, counters, log, history);
    }

    /** The membership-log line: verified with its size and head, or the problem and the log still in force. */
    static String logLine(I18n i18n, LogStatus status) {
        return switch (status) {
            case LogStatus.Verified verified -> i18n.get("roomE2e.logVerified", verified.entries(), shortHead(verified.head().toHex()));
            case LogStatus.Problem problem -> i18n.get("roomE2e.logProblem", problem(i18n, problem.error()), problem.entries());
        };
    }

    /** A refusal in words ("the membership log was forked"), or its name in lower case if no text exists. */
    static String problem(I18n i18n, RoomError error) {
        String key = "roomE2e.problem." + error.name();
        return i18n.has(key) ? i18n.get(key) : error.name().toLowerCase(Locale.ROOT);
    }

    private static String shortHead(String hex) {
        return hex.length() <= HEAD_DIGITS ? hex : hex.substring(0, HEAD_DIGITS) + "…";
    }

    private static String yes(I18n i18n, boolean value) {
        return i18n.get(value ? "security.yes" : "security.no");
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }

    private static Label value(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("mono");
        return label;
    }
}
