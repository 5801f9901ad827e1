package org.parley.desktop;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.function.Consumer;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

/**
 * Renders one {@link ChatLine}: a header with sender and time, then the text wrapped to the pane's
 * width with its web links clickable; own, others' and private messages and notices each get their
 * own CSS class. Right-click copies the text.
 *
 * <p>Links come from {@link Links} (http and https only) and open through the app's browser hook.
 */
final class MessageCell extends ListCell<ChatLine> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final I18n i18n;
    private final Consumer<String> browser;
    private final Label from = new Label();
    private final Label time = new Label();
    private final TextFlow text = new TextFlow();
    private final VBox box = new VBox(2, new HBox(8, from, time), text);
    private final MenuItem copy = new MenuItem();

    MessageCell(ListView<ChatLine> list, I18n i18n, Consumer<String> browser) {
        this.i18n = i18n;
        this.browser = browser;
        from.getStyleClass().add("from");
        time.getStyleClass().add("time");
        text.getStyleClass().add("message-text");
        // Long text (even one long word) wraps to the pane's width instead of widening the list.
        text.maxWidthProperty().bind(list.widthProperty().subtract(60));
        box.getStyleClass().add("bubble");
        copy.textProperty().bind(i18n.text("chat.copy"));
        copy.setOnAction(e -> {
            ClipboardContent content = new ClipboardContent();
            content.putString(getItem() == null ? "" : getItem().text());
            Clipboard.getSystemClipboard().setContent(content);
        });
    }

    @Override
    protected void updateItem(ChatLine line, boolean empty) {
        super.updateItem(line, empty);
        box.getStyleClass().removeIf(c -> c.startsWith("line-"));
        if (empty || line == null) {
            setGraphic(null);
            setContextMenu(null);
            return;
        }
        box.getStyleClass().add(line.styleClass());
        String sender = switch (line.kind()) {
            case OWN -> i18n.get("chat.me");
            case PRIVATE -> line.from() + " · " + i18n.get("chat.private");
            case NOTICE -> "";
            case OTHER -> line.from();
        };
        sender = switch (line.protection()) {
            case CHANNEL -> sender;
            case END_TO_END -> "🔒 " + sender;
            case NOT_END_TO_END -> sender + " · " + i18n.get("e2e.notE2e");
        };
        from.setText(sender);
        from.setVisible(!sender.isBlank());
        from.setManaged(!sender.isBlank());
        time.setText(TIME.format(line.time()));
        text.getChildren().setAll(Links.split(line.text()).stream().map(this::node).toList());
        setGraphic(box);
        setContextMenu(new ContextMenu(copy));
    }

    private javafx.scene.Node node(Links.Segment segment) {
        if (!segment.link()) {
            Text plain = new Text(segment.text());
            plain.getStyleClass().add("body");
            return plain;
        }
        Hyperlink link = new Hyperlink(segment.text());
        link.getStyleClass().add("message-link");
        link.setTooltip(new Tooltip(segment.text()));
        link.setOnAction(e -> browser.accept(segment.text()));
        return link;
    }
}
