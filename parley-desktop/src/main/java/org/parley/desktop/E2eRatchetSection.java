package org.parley.desktop;

import java.util.List;
import javafx.scene.control.Label;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.session.RatchetView;

/**
 * The Security panel's end-to-end section for one private conversation: the conversation's e2e
 * suite with its labels and the ratchet's counters (docs/E2EE.md), for teaching. Everything shown
 * comes from the client library's {@link RatchetView}, which holds no key.
 */
final class E2eRatchetSection {
    private E2eRatchetSection() {
    }

    /** The section for the conversation with {@code contact}; {@code view} is empty before any session. */
    static VBox of(I18n i18n, String contact, java.util.Optional<RatchetView> view) {
        Label heading = new Label(i18n.get("e2e.heading", contact));
        heading.getStyleClass().add("section");
        Label explain = wrapped(i18n.get("e2e.explain"));
        if (view.isEmpty()) {
            Label none = wrapped(i18n.get("e2e.noSession", contact));
            none.setId("e2eNoSession");
            return new VBox(8, heading, explain, none);
        }
        RatchetView v = view.get();
        E2eSuite suite = v.suite();
        E2eSuite.SuiteLabels labels = suite.labels();
        Label suiteLine = value(suite.label());
        suiteLine.setId("e2eSuite");
        Label summary = wrapped(i18n.get("e2e.suiteSummary", labels.classicalBits(), labels.postQuantum(),
                yes(i18n, labels.forwardSecrecy()), labels.postCompromise()));
        summary.setId("e2eSuiteSummary");

        GridPane counters = new GridPane(18, 4);
        counters.setId("e2eRatchet");
        List<Object[]> rows = List.of(
                new Object[] {"e2e.dhSteps", v.dhSteps()},
                new Object[] {"e2e.pqSteps", v.pqSteps()},
                new Object[] {"e2e.pqOffer", yes(i18n, v.pqOfferOutstanding())},
                new Object[] {"e2e.sendingChain", v.sendingChainLength()},
                new Object[] {"e2e.receivingChain", v.receivingChainLength()},
                new Object[] {"e2e.previousChain", v.previousChainLength()},
                new Object[] {"e2e.skipped", v.skippedKeys()},
                new Object[] {"e2e.sent", v.messagesSent()},
                new Object[] {"e2e.received", v.messagesReceived()},
                new Object[] {"e2e.awaitingReply", yes(i18n, v.awaitingFirstReply())},
                new Object[] {"e2e.oneTimePrekey", yes(i18n, v.oneTimePrekeyUsed())});
        for (int row = 0; row < rows.size(); row++) {
            Object[] entry = rows.get(row);
            Label number = value(String.valueOf(entry[1]));
            number.setId(((String) entry[0]).replace('.', '-'));
            counters.addRow(row, wrapped(i18n.get((String) entry[0])), number);
        }
        return new VBox(8, heading, explain, suiteLine, summary, counters);
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
