package org.parley.desktop;

import java.util.List;
import java.util.function.Consumer;
import javafx.scene.control.Button;
import javafx.scene.layout.TilePane;
import javafx.stage.Popup;

/** A small popup of common emoji; a click inserts one into the message being typed. */
final class EmojiPicker {
    static final List<String> EMOJI = List.of(
            "😀", "😂", "🙂", "😉", "😍", "😎", "🤔", "😅", "😢", "😡",
            "👍", "👎", "👏", "🙏", "💪", "👋", "🎉", "❤️", "🔥", "⭐",
            "✅", "❌", "⚠️", "🔒", "🔑", "☕", "🍵", "🍜", "🚀", "💡");

    private final Popup popup = new Popup();

    EmojiPicker(Consumer<String> insert) {
        TilePane grid = new TilePane(4, 4);
        grid.setPrefColumns(10);
        grid.getStyleClass().add("emoji-picker");
        grid.setId("emojiPicker");
        for (String emoji : EMOJI) {
            Button button = new Button(emoji);
            button.getStyleClass().add("emoji");
            button.setOnAction(e -> {
                insert.accept(emoji);
                popup.hide();
            });
            grid.getChildren().add(button);
        }
        popup.getContent().add(grid);
        popup.setAutoHide(true);
    }

    Popup popup() {
        return popup;
    }
}
