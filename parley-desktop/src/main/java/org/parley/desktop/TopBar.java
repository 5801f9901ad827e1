package org.parley.desktop;

import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableBooleanValue;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;

/** The main window's top bar: brand, connection indicator (with auto-reconnect state), account and security buttons, language menu. */
final class TopBar {
    private TopBar() {
    }

    static HBox create(DesktopContext context, ChatModel model, String user, ObservableBooleanValue autoReconnect,
            Runnable openSecurity, Runnable openAccount) {
        I18n i18n = context.i18n();
        Label brand = new Label("Parley 密谈");
        brand.getStyleClass().add("brand");
        Label connection = new Label();
        connection.setId("connection");
        connection.textProperty().bind(Bindings.createStringBinding(() -> model.connected().get()
                        ? "● " + i18n.get("status.connected", user)
                                + (autoReconnect.get() ? " · " + i18n.get("status.autoReconnect") : "")
                        : "● " + i18n.get("status.disconnected", ServerTexts.translate(i18n, model.disconnectReason().get()))
                                + (autoReconnect.get() ? " · " + i18n.get("status.reconnecting") : ""),
                model.connected(), model.disconnectReason(), autoReconnect, i18n.localeProperty()));
        model.connected().addListener((obs, old, up) -> connection.getStyleClass().setAll("label", up ? "online" : "offline"));
        connection.getStyleClass().add("online");
        Button security = new Button();
        security.setId("security");
        security.textProperty().bind(i18n.text("main.security"));
        security.setOnAction(e -> openSecurity.run());
        Button account = new Button();
        account.setId("account");
        account.textProperty().bind(i18n.text("main.account"));
        account.setOnAction(e -> openAccount.run());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox bar = new HBox(12, brand, connection, spacer, account, security, LanguageMenu.create(context));
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 12, 8, 12));
        bar.getStyleClass().add("top-bar");
        return bar;
    }
}
