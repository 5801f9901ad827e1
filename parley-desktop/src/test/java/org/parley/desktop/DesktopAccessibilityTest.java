package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.ZoneId;
import java.util.Optional;
import javafx.scene.AccessibleAttribute;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.Conversation;

/**
 * What the main window gives a screen reader (the accessible text JavaFX hands to it): each
 * rendered message line says who, when, the text and how its sending stands, and the conversation
 * list and the input's controls say what they are. Runs on the X display in DISPLAY (Xvfb).
 */
class DesktopAccessibilityTest extends DesktopTestBase {

    @Test
    void aRenderedMessageLineAndTheMainControlsHaveAnAccessibleTextInTheUsersLanguage() throws Exception {
        openLogin();
        fillLogin("lena", true);
        connectTrustingTheServer();

        Fx.run(() -> {
            Fx.<TextArea>node("input").setText("hello, screen reader");
            Fx.<Button>node("send").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> linesShown().stream()
                .anyMatch(l -> l.text().equals("hello, screen reader") && l.id() > 0)));
        await().atMost(WAIT).until(() -> Fx.call(() -> cellShowing("hello, screen reader").isPresent()));

        ChatLine line = Fx.call(() -> linesShown().stream().filter(l -> l.text().equals("hello, screen reader")).findFirst().orElseThrow());
        String spoken = Fx.call(() -> spokenLine("hello, screen reader"));
        assertThat(spoken).isNotNull().contains("You, " + line.shownTime(ZoneId.systemDefault()) + ": hello, screen reader")
                .doesNotContain("Sending");
        String lobby = Fx.call(() -> (String) conversationCell("lobby").queryAccessibleAttribute(AccessibleAttribute.TEXT));
        assertThat(lobby).isEqualToIgnoringCase("Room lobby");
        assertThat(Fx.call(() -> Fx.<TextArea>node("input").getAccessibleHelp())).contains("Enter sends it");
        assertThat(Fx.call(() -> Fx.<Button>node("send").getAccessibleHelp())).isEqualTo("Sends the message you typed to the conversation shown.");
        assertThat(Fx.call(() -> Fx.<Button>node("emoji").queryAccessibleAttribute(AccessibleAttribute.TEXT))).isEqualTo("Insert an emoji");

        Fx.run(() -> context.i18n().setLocale(I18n.CHINESE));
        String chinese = "你，" + line.shownTime(ZoneId.systemDefault()) + "：hello, screen reader";
        await().atMost(WAIT).until(() -> Fx.call(() -> String.valueOf(spokenLine("hello, screen reader")).contains(chinese)));
        assertThat(Fx.call(() -> Fx.<Button>node("emoji").queryAccessibleAttribute(AccessibleAttribute.TEXT))).isEqualTo("插入表情");
    }

    @Test
    void aKeyboardChordMovesFocusToTheNewestLineSoAScreenReaderReadsIt() throws Exception {
        openLogin();
        fillLogin("mira", true);
        connectTrustingTheServer();
        Fx.run(() -> {
            Fx.<TextArea>node("input").setText("read me first");
            Fx.<Button>node("send").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> cellShowing("read me first").isPresent()));

        Fx.run(() -> Fx.<TextArea>node("input").fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.M, true, true, false, false)));

        // The scene's focus owner, not isFocused(): under Xvfb without a window manager the window itself may never get focus.
        assertThat(Fx.call(() -> Fx.<ListView<ChatLine>>node("messages").getScene().getFocusOwner()))
                .isSameAs(Fx.call(() -> Fx.node("messages")));
        assertThat(Fx.call(() -> {
            ListView<ChatLine> messages = Fx.node("messages");
            return messages.getFocusModel().getFocusedIndex() == messages.getItems().size() - 1;
        })).isTrue();
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<ChatLine>>node("messages")
                .queryAccessibleAttribute(AccessibleAttribute.FOCUS_ITEM) instanceof Node focused
                && String.valueOf(focused.queryAccessibleAttribute(AccessibleAttribute.TEXT)).contains(": read me first")));
    }

    /** The rendered message cell showing {@code text}, if one does. FX thread. */
    private static Optional<ListCell<?>> cellShowing(String text) {
        ListView<ChatLine> messages = Fx.node("messages");
        return messages.lookupAll(".list-cell").stream()
                .<ListCell<?>>map(node -> (ListCell<?>) node)
                .filter(cell -> cell.getItem() instanceof ChatLine shown && shown.text().equals(text))
                .findFirst();
    }

    /** What the rendered cell showing {@code text} gives a screen reader (the accessible text a cell's TEXT is). FX thread. */
    private static String spokenLine(String text) {
        return (String) cellShowing(text).orElseThrow().queryAccessibleAttribute(AccessibleAttribute.TEXT);
    }

    /** The rendered cell of the room {@code room} in the conversation list. FX thread. */
    private static ListCell<?> conversationCell(String room) {
        ListView<ConversationState> list = Fx.node("conversations");
        return list.lookupAll(".list-cell").stream()
                .map(node -> (ListCell<?>) node)
                .filter(cell -> cell.getItem() instanceof ConversationState state
                        && state.conversation() instanceof Conversation.InRoom in && in.room().equalsIgnoreCase(room))
                .findFirst().orElseThrow();
    }
}
