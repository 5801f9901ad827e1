package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.util.List;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ListView;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.parley.client.Blocking;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.PresenceChange;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/** The room browser with search, private rooms from the Create dialog, and moderation from the member list. */
class DesktopRoomsTest extends DesktopTestBase {

    private void signIn() throws Exception {
        openLogin();
        fillLogin("alice", true);
        connectTrustingTheServer();
        connectBob();
    }

    private static boolean selectedRoomIs(String name) {
        ListView<ConversationState> list = Fx.node("conversations");
        ConversationState selected = list.getSelectionModel().getSelectedItem();
        return selected != null && selected.displayName().equalsIgnoreCase("# " + name);
    }

    /** A room that is not end-to-end encrypted (these tests are about the server's room rules). */
    private void createRoom(String name, boolean privateRoom) throws Exception {
        Fx.run(() -> Fx.<Button>node("create").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("newRoomName")));
        Fx.run(() -> {
            Fx.<TextField>node("newRoomName").setText(name);
            Fx.<CheckBox>node("newRoomPrivate").setSelected(privateRoom);
            Fx.<CheckBox>node("newRoomEncrypted").setSelected(false);
            Fx.<Button>node("createRoomOk").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> selectedRoomIs(name)));
    }

    @Test
    void theJoinDialogSearchesTheServersRoomsByNameOrTopicAndJoinsTheChosenOne() throws Exception {
        signIn();
        Blocking.await(bob.createRoom("books", RoomVisibility.PUBLIC), WAIT);
        Blocking.await(bob.topic("books", "novels and poetry"), WAIT);
        Blocking.await(bob.createRoom("birds", RoomVisibility.PUBLIC), WAIT);

        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> Fx.<TextField>node("roomSearch").setText("POETRY"));

        List<String> shown = Fx.call(() -> Fx.<ListView<RoomInfo>>node("roomList").getItems().stream().map(RoomInfo::name).toList());
        assertThat(shown).containsExactly("books");
        assertThat(Fx.call(() -> Fx.<Button>node("roomJoin").getText())).isEqualTo("Join");
        Fx.run(() -> {
            Fx.<ListView<RoomInfo>>node("roomList").getSelectionModel().select(0);
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> selectedRoomIs("books")));
    }

    @Test
    void aPrivateRoomCreatedOnTheDesktopIsHiddenFromOthersUntilTheyAreInvited() throws Exception {
        signIn();

        createRoom("secret", true);

        assertThat(Blocking.await(bob.rooms(), WAIT).rooms()).extracting(RoomInfo::name).doesNotContain("secret");
        assertThat(bob.join("secret")).failsWithin(WAIT);
        assertThat(memberMenuFor("alice")).containsExactly("inviteUser", "setTopic");
        fireMenuItem("inviteUser");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("promptText")));
        Fx.run(() -> {
            Fx.<TextField>node("promptText").setText("bob");
            Fx.<Button>node("promptOk").fire();
        });
        await().atMost(WAIT).until(() -> bobEvents.stream().anyMatch(e -> e instanceof ChatEvent.Invited i && i.room().equals("secret")));
        assertThat(Blocking.await(bob.join("secret"), WAIT).room().visibility()).isEqualTo(RoomVisibility.PRIVATE);
    }

    @Test
    void theOwnerKicksAndMakesOperatorsFromTheMemberListWhileAPlainMemberIsOfferedNothing() throws Exception {
        signIn();
        createRoom("club", false);
        Blocking.await(bob.join("club"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<MemberInfo>>node("members").getItems().stream()
                .anyMatch(m -> m.user().equals("bob"))));

        assertThat(memberMenuFor("bob")).containsExactly("kickMember", "banMember", "opMember", "inviteUser", "setTopic");
        fireMenuItem("opMember");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<MemberInfo>>node("members").getItems().stream()
                .anyMatch(m -> m.user().equals("bob") && m.role() == Role.OP)));
        assertThat(memberMenuFor("bob")).containsExactly("kickMember", "banMember", "deopMember", "inviteUser", "setTopic");

        fireMenuItem("kickMember");
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("promptText")));
        Fx.run(() -> {
            Fx.<TextField>node("promptText").setText("too loud");
            Fx.<Button>node("promptOk").fire();
        });
        await().atMost(WAIT).until(() -> bobEvents.stream().anyMatch(e -> e instanceof ChatEvent.RemovedFromRoom r
                && r.room().equals("club") && r.how() == PresenceChange.KICKED && r.reason().equals("too loud")));

        Blocking.await(bob.createRoom("bobs", RoomVisibility.PUBLIC), WAIT);
        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> {
            Fx.<TextField>node("roomSearch").setText("bobs");
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> selectedRoomIs("bobs")));
        assertThat(memberMenuFor("bob")).isEmpty();
        assertThat(memberMenuFor("alice")).isEmpty();
    }

    @Test
    void aRoomTheUserWasKickedFromLeavesTheListWhenClosedInsteadOfAnError() throws Exception {
        signIn();
        Blocking.await(bob.createRoom("den", RoomVisibility.PUBLIC), WAIT);
        Fx.run(() -> Fx.<Button>node("join").fire());
        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.showing("roomSearch")));
        Fx.run(() -> {
            Fx.<TextField>node("roomSearch").setText("den");
            Fx.<Button>node("roomJoin").fire();
        });
        await().atMost(WAIT).until(() -> Fx.call(() -> selectedRoomIs("den")));

        Blocking.await(bob.kick("den", "alice", "go away"), WAIT);
        await().atMost(WAIT).until(() -> Fx.call(() -> shownTexts().contains("You were removed by bob: go away")));
        // The server no longer counts alice as a member: closing the room must not need its consent.
        Fx.run(() -> Fx.<Button>node("leave").fire());

        await().atMost(WAIT).until(() -> Fx.call(() -> Fx.<ListView<ConversationState>>node("conversations").getItems()
                .stream().noneMatch(c -> c.displayName().equals("# den"))));
        assertThat(Fx.call(() -> Fx.showing("error"))).isFalse();
    }
}
