package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.RoomVisibility;

/** The Create-room dialog's End-to-end encrypted box on the X display: its default, the user's choice, Escape. */
class CreateRoomDialogTest {
    private final List<NewRoom> created = new CopyOnWriteArrayList<>();
    private Stage owner;
    private Dialog<ButtonType> dialog;

    @BeforeAll
    static void startToolkit() throws Exception {
        Fx.start();
    }

    @AfterEach
    void close() throws Exception {
        Fx.run(() -> {
            if (dialog != null && dialog.isShowing()) {
                dialog.close();
            }
            owner.close();
        });
    }

    private void open(Locale locale) throws Exception {
        Fx.run(() -> {
            owner = new Stage();
            owner.setScene(new Scene(new StackPane(), 320, 200));
            owner.show();
            dialog = CreateRoomDialog.show(owner, new I18n(locale), created::add);
        });
    }

    private static boolean encryptedBox() throws Exception {
        return Fx.call(() -> Fx.<CheckBox>node("newRoomEncrypted").isSelected());
    }

    @Test
    void theEncryptedBoxIsUncheckedForAPublicRoomAndFollowsThePrivateBox() throws Exception {
        open(Locale.ENGLISH);

        boolean publicDefault = encryptedBox();
        Fx.run(() -> Fx.<CheckBox>node("newRoomPrivate").fire());
        boolean privateDefault = encryptedBox();
        Fx.run(() -> Fx.<CheckBox>node("newRoomPrivate").fire());
        boolean publicAgain = encryptedBox();

        assertThat(publicDefault).isFalse();
        assertThat(privateDefault).isTrue();
        assertThat(publicAgain).isFalse();
        assertThat(Fx.call(() -> Fx.<Label>node("newRoomFinal").getText())).contains("final");
    }

    @Test
    void thePrivateBoxNoLongerChangesTheEncryptedBoxOnceTheUserChoseAndTheChoiceIsWhatIsCreated() throws Exception {
        open(Locale.ENGLISH);

        Fx.run(() -> {
            Fx.<CheckBox>node("newRoomPrivate").fire();
            Fx.<CheckBox>node("newRoomEncrypted").fire();
            Fx.<CheckBox>node("newRoomPrivate").fire();
            Fx.<CheckBox>node("newRoomPrivate").fire();
            Fx.<TextField>node("newRoomName").setText(" 密室 ");
            Fx.<Button>node("createRoomOk").fire();
        });

        await().atMost(Fx.TIMEOUT).until(() -> !created.isEmpty());
        assertThat(created).containsExactly(new NewRoom("密室", RoomVisibility.PRIVATE, false));
    }

    @Test
    void aPublicRoomMayBeMadeEncrypted() throws Exception {
        open(Locale.ENGLISH);

        Fx.run(() -> {
            Fx.<CheckBox>node("newRoomEncrypted").fire();
            Fx.<TextField>node("newRoomName").setText("club");
            Fx.<Button>node("createRoomOk").fire();
        });

        await().atMost(Fx.TIMEOUT).until(() -> !created.isEmpty());
        assertThat(created).containsExactly(new NewRoom("club", RoomVisibility.PUBLIC, true));
    }

    @Test
    void escapeClosesTheDialogWithoutCreatingAnything() throws Exception {
        open(Locale.SIMPLIFIED_CHINESE);
        assertThat(Fx.call(() -> Fx.<CheckBox>node("newRoomEncrypted").getText())).isEqualTo("端到端加密");

        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText("club");
            Fx.node("newRoomName").fireEvent(new KeyEvent(KeyEvent.KEY_PRESSED, "", "", KeyCode.ESCAPE, false, false, false, false));
        });

        await().atMost(Fx.TIMEOUT).until(() -> Fx.call(() -> !dialog.isShowing()));
        assertThat(created).isEmpty();
    }
}
