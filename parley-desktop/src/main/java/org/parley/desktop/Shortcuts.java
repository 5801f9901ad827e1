package org.parley.desktop;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.ListView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.stage.Stage;

/**
 * The main window's keyboard shortcuts, so everything the mouse does is one chord away:
 * {@code Ctrl+J} join, {@code Ctrl+N} create a room, {@code Ctrl+I} the security panel,
 * {@code Ctrl+U} the account window,
 * {@code Ctrl+E} the emoji picker, {@code Ctrl+L} back to the message input,
 * {@code Ctrl+Shift+M} to the newest line of the conversation (the message list is not in the Tab
 * order, so a click on a line leaves the input focused; this is how a keyboard or screen-reader
 * user reaches the lines, then reads on with the arrow keys), and
 * {@code Ctrl+PageDown}/{@code Ctrl+PageUp} or {@code Alt+Down}/{@code Alt+Up} for the next and
 * previous conversation ({@code Cmd} instead of {@code Ctrl} on macOS).
 *
 * <p>Shortcuts act on the window's controls by their node ids, and each button's tooltip shows
 * its shortcut.
 */
final class Shortcuts {
    private record Press(String button, KeyCombination keys) {
    }

    private static final List<Press> BUTTONS = List.of(
            new Press("join", shortcut(KeyCode.J)),
            new Press("create", shortcut(KeyCode.N)),
            new Press("security", shortcut(KeyCode.I)),
            new Press("account", shortcut(KeyCode.U)),
            new Press("emoji", shortcut(KeyCode.E)));

    private Shortcuts() {
    }

    static void install(Scene scene) {
        Map<KeyCombination, Runnable> actions = new LinkedHashMap<>();
        for (Press press : BUTTONS) {
            if (scene.lookup("#" + press.button()) instanceof ButtonBase button) {
                actions.put(press.keys(), button::fire);
                button.setTooltip(new Tooltip(press.keys().getDisplayText()));
            }
        }
        actions.put(shortcut(KeyCode.L), () -> focus(scene, "input"));
        actions.put(new KeyCodeCombination(KeyCode.M, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN), () -> newestLine(scene));
        for (KeyCombination next : List.of(shortcut(KeyCode.PAGE_DOWN), new KeyCodeCombination(KeyCode.DOWN, KeyCombination.ALT_DOWN))) {
            actions.put(next, () -> move(scene, 1));
        }
        for (KeyCombination previous : List.of(shortcut(KeyCode.PAGE_UP), new KeyCodeCombination(KeyCode.UP, KeyCombination.ALT_DOWN))) {
            actions.put(previous, () -> move(scene, -1));
        }
        // A filter, not scene accelerators: the message input would otherwise take some chords
        // (Ctrl+PageDown) for itself before the window sees them.
        scene.addEventFilter(KeyEvent.KEY_PRESSED, event -> actions.entrySet().stream()
                .filter(entry -> entry.getKey().match(event)).findFirst().ifPresent(entry -> {
                    event.consume();
                    entry.getValue().run();
                }));
    }

    /** Escape closes {@code stage} (a secondary window: the security panel, the account window). */
    static void closeOnEscape(Stage stage) {
        stage.getScene().addEventFilter(KeyEvent.KEY_PRESSED, event -> {
            if (event.getCode() == KeyCode.ESCAPE) {
                event.consume();
                stage.close();
            }
        });
    }

    /** Selects the conversation {@code step} places away, wrapping around. */
    private static void move(Scene scene, int step) {
        if (scene.lookup("#conversations") instanceof ListView<?> list && !list.getItems().isEmpty()) {
            int size = list.getItems().size();
            int from = Math.max(0, list.getSelectionModel().getSelectedIndex());
            list.getSelectionModel().select(Math.floorMod(from + step, size));
            focus(scene, "input");
        }
    }

    /** Focuses the newest line of the conversation shown, whose accessible text a screen reader then reads. */
    private static void newestLine(Scene scene) {
        if (scene.lookup("#messages") instanceof ListView<?> messages && messages.getItems() != null && !messages.getItems().isEmpty()) {
            int last = messages.getItems().size() - 1;
            messages.scrollTo(last);
            messages.getFocusModel().focus(last);
            messages.requestFocus();
        }
    }

    /** Ctrl+{@code key}, or Cmd+{@code key} on macOS. */
    private static KeyCombination shortcut(KeyCode key) {
        return new KeyCodeCombination(key, KeyCombination.SHORTCUT_DOWN);
    }

    private static void focus(Scene scene, String id) {
        Node node = scene.lookup("#" + id);
        if (node != null) {
            node.requestFocus();
        }
    }
}
