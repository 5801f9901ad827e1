package org.parley.desktop;

import javafx.animation.PauseTransition;
import javafx.scene.control.Label;
import javafx.stage.Popup;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * The desktop notification for a mention: a small note at the bottom right of the main window
 * ("bob mentioned you in # lobby: …"), shown when the window is not focused or another
 * conversation is selected, for eight seconds; a click opens the conversation. Node id
 * {@code #mentionToast}. Only the first 80 characters of the message are shown.
 */
final class MentionToast {
    private static final int PREVIEW = 80;

    private final Stage stage;
    private final I18n i18n;
    private final Popup popup = new Popup();
    private final Label note = new Label();
    private final PauseTransition hide = new PauseTransition(Duration.seconds(8));

    MentionToast(Stage stage, I18n i18n) {
        this.stage = stage;
        this.i18n = i18n;
        note.setId("mentionToast");
        note.getStyleClass().add("mention-toast");
        note.setWrapText(true);
        note.setMaxWidth(340);
        popup.getContent().add(note);
        popup.setAutoHide(true);
        hide.setOnFinished(e -> popup.hide());
    }

    /** The first {@value #PREVIEW} characters of {@code text} and "…", never cutting an emoji (a surrogate pair) in half. */
    static String preview(String text) {
        if (text.length() <= PREVIEW) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(PREVIEW - 1)) ? PREVIEW - 1 : PREVIEW;
        return text.substring(0, end) + "…";
    }

    /** Shows the note for {@code line} in {@code state} unless the user is looking at that conversation. FX thread. */
    void show(ConversationState state, ChatLine line, boolean looking, Runnable open) {
        if (looking && stage.isFocused() || !stage.isShowing()) {
            return;
        }
        note.setText(i18n.get("notify.mention", line.from(), state.displayName(), preview(line.text())));
        note.setOnMouseClicked(e -> {
            popup.hide();
            open.run();
        });
        popup.show(stage);
        popup.setX(stage.getX() + stage.getWidth() - note.getWidth() - 24);
        popup.setY(stage.getY() + stage.getHeight() - note.getHeight() - 24);
        hide.playFromStart();
    }
}
