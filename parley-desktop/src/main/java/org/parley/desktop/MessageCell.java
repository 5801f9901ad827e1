package org.parley.desktop;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
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
import org.parley.client.Mentions;

/**
 * Renders one {@link ChatLine}: a header with sender and time, then the text wrapped to the pane's
 * width with its web links clickable; own, others' and private messages and notices each get their
 * own CSS class. Right-click copies the text. A line on a new day is preceded by that day's date,
 * the time shows the full date on hover, and a message mentioning this user ({@code @name}) is
 * highlighted with the mention itself in bold. A message written here that is not confirmed yet is
 * greyed with a clock and "sending…" under its text; one that failed is marked red and says why
 * ({@link DeliveryText}). A screen reader gets all of it in words ({@link ScreenReaderText}) as the
 * cell's accessible text.
 *
 * <p>Links come from {@link Links} (http and https only) and open through the app's browser hook.
 */
final class MessageCell extends ListCell<ChatLine> {
    private final I18n i18n;
    private final Consumer<String> browser;
    private final Label from = new Label();
    private final Label time = new Label();
    private final TextFlow text = new TextFlow();
    private final Label day = new Label();
    /** Where a message written here stands: sending, not confirmed yet, not sent. */
    private final Label delivery = new Label();
    private final VBox box = new VBox(2, new HBox(8, from, time), text, delivery);
    private final VBox cell = new VBox(4, day, box);
    private final Tooltip fullDate = new Tooltip();
    private final Supplier<String> me;
    private final MenuItem copy = new MenuItem();

    /** @param me this user's display name, whose {@code @} mentions are highlighted */
    MessageCell(ListView<ChatLine> list, I18n i18n, Consumer<String> browser, Supplier<String> me) {
        this.i18n = i18n;
        this.browser = browser;
        this.me = me;
        day.getStyleClass().add("day-separator");
        day.setMaxWidth(Double.MAX_VALUE);
        time.setTooltip(fullDate);
        from.getStyleClass().add("from");
        time.getStyleClass().add("time");
        text.getStyleClass().add("message-text");
        delivery.getStyleClass().add("delivery");
        delivery.setWrapText(true);
        delivery.maxWidthProperty().bind(list.widthProperty().subtract(60));
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
        box.getStyleClass().removeIf(c -> c.startsWith("line-") || c.equals("mention") || c.equals("sending") || c.equals("send-failed"));
        if (empty || line == null) {
            setGraphic(null);
            setContextMenu(null);
            setAccessibleText(null);
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
        time.setText(line.shownTime(ZoneId.systemDefault()));
        fullDate.setText(DateTimeFormatter.ofLocalizedDateTime(FormatStyle.FULL, FormatStyle.MEDIUM)
                .withLocale(i18n.locale()).withZone(ZoneId.systemDefault()).format(line.time()));
        if (line.mentions(me.get())) {
            box.getStyleClass().add("mention");
        }
        text.getChildren().setAll(Links.split(line.text()).stream().flatMap(this::nodes).toList());
        showDelivery(line.delivery());
        Optional<String> separator = DaySeparators.before(getListView().getItems(), getIndex(), ZoneId.systemDefault(), i18n.locale());
        day.setText(separator.orElse(""));
        day.setVisible(separator.isPresent());
        day.setManaged(separator.isPresent());
        setAccessibleText(ScreenReaderText.line(line, separator, i18n, ZoneId.systemDefault(), me.get()));
        setGraphic(cell);
        setContextMenu(new ContextMenu(copy));
    }

    private void showDelivery(Delivery stage) {
        Optional<String> mark = DeliveryText.status(i18n, stage);
        delivery.setText(mark.orElse(""));
        delivery.setVisible(mark.isPresent());
        delivery.setManaged(mark.isPresent());
        switch (stage) {
            case Delivery.Shown shown -> { }
            case Delivery.Pending pending -> box.getStyleClass().add("sending");
            case Delivery.Refused refused -> box.getStyleClass().add("send-failed");
            case Delivery.Unconfirmed unconfirmed -> box.getStyleClass().add("send-failed");
            case Delivery.Kept kept -> box.getStyleClass().add("sending");
        }
    }

    /** Plain text, with this user's mentions as separately styled pieces, or a link. */
    private Stream<javafx.scene.Node> nodes(Links.Segment segment) {
        if (segment.link()) {
            return Stream.of(node(segment));
        }
        String plain = segment.text();
        List<javafx.scene.Node> pieces = new ArrayList<>();
        int at = 0;
        for (Mentions.Span span : Mentions.find(plain, me.get())) {
            pieces.add(text(plain.substring(at, span.start()), "body"));
            pieces.add(text(plain.substring(span.start(), span.end()), "mention-name"));
            at = span.end();
        }
        pieces.add(text(plain.substring(at), "body"));
        return pieces.stream();
    }

    private static Text text(String content, String style) {
        Text piece = new Text(content);
        piece.getStyleClass().add(style);
        return piece;
    }

    private javafx.scene.Node node(Links.Segment segment) {
        Hyperlink link = new Hyperlink(segment.text());
        link.getStyleClass().add("message-link");
        link.setTooltip(new Tooltip(segment.text()));
        link.setOnAction(e -> browser.accept(segment.text()));
        return link;
    }
}
