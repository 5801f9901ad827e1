package org.parley.desktop;

import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** The right-hand pane: who is online, with the count; a click (or Enter) on a name opens a private conversation. */
final class OnlinePane {
    private OnlinePane() {
    }

    static VBox create(I18n i18n, ChatModel model, Consumer<String> openPrivate) {
        Label count = new Label();
        count.setId("onlineCount");
        count.getStyleClass().add("section");
        count.textProperty().bind(Bindings.createStringBinding(() -> i18n.get("main.online", model.onlineCount().get()),
                model.onlineCount(), i18n.localeProperty()));
        ListView<String> online = new ListView<>(model.online());
        online.setId("online");
        online.setOnMouseClicked(e -> openPrivate.accept(online.getSelectionModel().getSelectedItem()));
        online.setOnKeyPressed(e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openPrivate.accept(online.getSelectionModel().getSelectedItem());
            }
        });
        Label hint = new Label();
        hint.textProperty().bind(i18n.text("main.privateHint"));
        hint.getStyleClass().add("hint");
        hint.setWrapText(true);
        VBox.setVgrow(online, Priority.ALWAYS);
        VBox box = new VBox(8, count, online, hint);
        box.setPadding(new Insets(8));
        box.setPrefWidth(190);
        return box;
    }
}
