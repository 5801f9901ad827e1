package org.parley.desktop;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Renders one {@link ChatLine}: a header with sender and time, then the wrapped text; own,
 * others' and private messages and notices each get their own CSS class.
 */
final class MessageCell extends ListCell<ChatLine> {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());

    private final Label from = new Label();
    private final Label time = new Label();
    private final Label text = new Label();
    private final VBox box = new VBox(2, new HBox(8, from, time), text);

    MessageCell(ListView<ChatLine> list, I18n i18n) {
        from.getStyleClass().add("from");
        time.getStyleClass().add("time");
        text.getStyleClass().add("text");
        text.setWrapText(true);
        // Long text wraps to the pane's width instead of widening the list.
        text.maxWidthProperty().bind(list.widthProperty().subtract(60));
        box.getStyleClass().add("bubble");
        this.i18n = i18n;
    }

    private final I18n i18n;

    @Override
    protected void updateItem(ChatLine line, boolean empty) {
        super.updateItem(line, empty);
        box.getStyleClass().removeIf(c -> c.startsWith("line-"));
        if (empty || line == null) {
            setGraphic(null);
            return;
        }
        box.getStyleClass().add(line.styleClass());
        String sender = switch (line.kind()) {
            case OWN -> i18n.get("chat.me");
            case PRIVATE -> line.from() + " · " + i18n.get("chat.private");
            case NOTICE -> "";
            case OTHER -> line.from();
        };
        from.setText(sender);
        from.setVisible(!sender.isEmpty());
        from.setManaged(!sender.isEmpty());
        time.setText(TIME.format(line.time()));
        text.setText(line.text());
        setGraphic(box);
    }
}
