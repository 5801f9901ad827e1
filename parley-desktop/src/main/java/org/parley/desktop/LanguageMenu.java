package org.parley.desktop;

import java.util.Locale;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;

/** The "Language / 语言" menu: switches every open window's texts at once and remembers the choice. */
final class LanguageMenu {
    private LanguageMenu() {
    }

    static MenuButton create(DesktopContext context) {
        MenuButton menu = new MenuButton();
        menu.setId("language");
        menu.textProperty().bind(context.i18n().text("menu.language"));
        menu.getItems().addAll(item(context, "English", I18n.ENGLISH, "langEnglish"),
                item(context, "简体中文", I18n.CHINESE, "langChinese"));
        return menu;
    }

    private static MenuItem item(DesktopContext context, String name, Locale locale, String id) {
        MenuItem item = new MenuItem(name);
        item.setId(id);
        item.setOnAction(e -> {
            context.i18n().setLocale(locale);
            context.settings().rememberLanguage(locale);
        });
        return item;
    }
}
