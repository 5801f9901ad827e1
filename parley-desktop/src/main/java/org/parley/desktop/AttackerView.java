package org.parley.desktop;

import java.util.List;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import org.parley.client.ParleyClient;
import org.parley.client.WireFrame;

/**
 * The Security panel's "What an attacker on the network sees": the last frames of this connection with
 * their direction, type, size and first bytes (ciphertext once the hellos are over), as the client
 * library's bounded {@link ParleyClient#attackerView()} recorded them, and the lab scenarios that attack
 * exactly this, as commands to copy.
 */
final class AttackerView {
    /** The attack-lab commands that match what this section shows (docs/LAB.md). */
    static final String LAB_COMMANDS = String.join("\n",
            "bin/parley lab run eavesdrop --pcap s.pcap",
            "bin/parley lab run bitflip-record",
            "bin/parley lab run replay-record",
            "bin/parley lab run downgrade-offer");

    private AttackerView() {
    }

    static List<Node> nodes(I18n i18n, ParleyClient client) {
        GridPane frames = new GridPane(14, 2);
        frames.setId("attackerView");
        Button refresh = new Button(i18n.get("security.attacker.refresh"));
        refresh.setId("refreshAttackerView");
        refresh.setOnAction(e -> fill(frames, i18n, client.attackerView()));
        fill(frames, i18n, client.attackerView());

        Label commands = new Label(LAB_COMMANDS);
        commands.setId("labCommands");
        commands.getStyleClass().add("mono");
        Button copy = new Button(i18n.get("security.attacker.copy"));
        copy.setId("copyLabCommands");
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(LAB_COMMANDS);
            Clipboard.getSystemClipboard().setContent(content);
        });
        Label heading = new Label(i18n.get("security.attacker.heading"));
        heading.getStyleClass().add("section");
        return List.of(heading, wrapped(i18n.get("security.attacker.explain")), frames, refresh,
                wrapped(i18n.get("security.attacker.lab")), new HBox(12, commands, copy));
    }

    private static void fill(GridPane grid, I18n i18n, List<WireFrame> seen) {
        grid.getChildren().clear();
        List<String> headings = List.of("#", i18n.get("security.attacker.direction"), i18n.get("security.attacker.type"),
                i18n.get("security.size"), i18n.get("security.attacker.bytes"));
        for (int i = 0; i < headings.size(); i++) {
            Label label = new Label(headings.get(i));
            label.getStyleClass().add("column");
            grid.add(label, i, 0);
        }
        int row = 1;
        for (WireFrame f : seen) {
            grid.addRow(row, mono(Integer.toString(row)),
                    new Label(i18n.get(f.sent() ? "security.attacker.sent" : "security.attacker.received")),
                    mono(String.format("0x%02x ", f.type()) + i18n.get("security.attacker.type" + Integer.toHexString(f.type()))),
                    mono(f.length() + " B"), mono(f.head().toHex() + (f.length() > f.head().length() ? "…" : "")));
            row++;
        }
    }

    private static Label mono(String text) {
        Label label = new Label(text);
        label.getStyleClass().add("mono");
        return label;
    }

    private static Label wrapped(String text) {
        Label label = new Label(text);
        label.setWrapText(true);
        return label;
    }
}
