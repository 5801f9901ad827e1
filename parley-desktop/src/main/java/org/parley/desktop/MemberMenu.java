package org.parley.desktop;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.ListView;
import javafx.scene.control.MenuItem;
import javafx.stage.Window;
import org.parley.client.ParleySession;
import org.parley.client.UnacceptedChangesException;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;

/**
 * Moderation from the member list's context menu, offered only to the room's owner and operators:
 * kick, ban (until lifted), invite someone (into a private room) and set the topic; the owner also makes members operators and back.
 * The server decides in the end; a refusal is shown as a readable error. Item ids:
 * {@code #kickMember}, {@code #banMember}, {@code #opMember}, {@code #deopMember}, {@code #inviteUser}, {@code #setTopic}.
 */
final class MemberMenu {
    private final I18n i18n;
    private final Window owner;
    private final ParleySession session;
    private final String self;

    MemberMenu(I18n i18n, Window owner, ParleySession session, String self) {
        this.i18n = i18n;
        this.owner = owner;
        this.session = session;
        this.self = self;
    }

    /** Shows the menu for the selected member on right click, when this account may moderate the room. */
    void install(ListView<MemberInfo> members, Supplier<ConversationState> shown) {
        ContextMenu menu = new ContextMenu();
        menu.setId("memberMenu");
        members.setContextMenu(menu);
        members.setOnContextMenuRequested(e -> {
            List<MenuItem> items = items(shown.get(), members.getSelectionModel().getSelectedItem());
            menu.getItems().setAll(items);
            if (items.isEmpty()) {
                e.consume();
            }
        });
    }

    /** The actions this account may take on {@code member} in the room {@code state} shows; empty for none. */
    List<MenuItem> items(ConversationState state, MemberInfo member) {
        List<MenuItem> items = new ArrayList<>();
        if (state == null || !(state.conversation() instanceof Conversation.InRoom room)) {
            return items;
        }
        Role mine = state.memberList().stream().filter(m -> m.user().equalsIgnoreCase(self))
                .map(MemberInfo::role).findFirst().orElse(Role.NONE);
        if (mine != Role.OWNER && mine != Role.OP) {
            return items;
        }
        if (member != null && !member.user().equalsIgnoreCase(self) && member.role() != Role.OWNER) {
            String user = member.user();
            items.add(item("kickMember", i18n.get("moderate.kick", user), () -> ask("moderate.kick", user,
                    reason -> run(() -> session.kick(room.room(), user, reason)))));
            items.add(item("banMember", i18n.get("moderate.ban", user), () -> ask("moderate.ban", user,
                    reason -> run(() -> session.ban(room.room(), user, Duration.ZERO, reason)))));
            if (mine == Role.OWNER && member.role() == Role.OP) {
                items.add(item("deopMember", i18n.get("moderate.deop", user),
                        () -> run(() -> session.setRole(room.room(), user, Role.MEMBER)).thenRun(() -> refresh(state, room))));
            } else if (mine == Role.OWNER) {
                items.add(item("opMember", i18n.get("moderate.op", user),
                        () -> run(() -> session.setRole(room.room(), user, Role.OP)).thenRun(() -> refresh(state, room))));
            }
        }
        items.add(item("inviteUser", i18n.get("moderate.invite"), () -> TextPrompt.show(owner, i18n, i18n.get("moderate.invite"),
                i18n.get("moderate.inviteQuestion", room.room()), "", user -> invite(room.room(), user))));
        items.add(item("setTopic", i18n.get("moderate.topic"), () -> TextPrompt.show(owner, i18n, i18n.get("moderate.topic"),
                i18n.get("moderate.topicQuestion", room.room()), state.topic().get(),
                topic -> run(() -> session.call(client -> client.topic(room.room(), topic))))));
        return items;
    }

    /**
     * Invites {@code user}. In an encrypted room the invitation names the keys of the user's devices;
     * for a verified user whose devices changed since, the user is asked first, as before sending
     * ("accept and invite"), and nothing is signed unless they accept.
     */
    private void invite(String room, String user) {
        session.invite(room, user).whenComplete((v, failure) -> {
            if (failure == null) {
                return;
            }
            if (Failures.unwrap(failure) instanceof UnacceptedChangesException) {
                E2eChangeDialog.ask(owner, i18n, user, "e2e.changedInviteText",
                        () -> run(() -> session.acceptChanges(user).thenCompose(accepted -> session.invite(room, user))),
                        () -> { });
            } else {
                Dialogs.error(owner, i18n, "error.moderate", failure);
            }
        });
    }

    private void ask(String key, String user, java.util.function.Consumer<String> then) {
        TextPrompt.show(owner, i18n, i18n.get(key, user), i18n.get("moderate.reason"), "", then);
    }

    /**
     * Sends {@code request} through the session (which uses the signed membership log in an
     * encrypted room); a refusal becomes an error dialog. The result completes on the FX thread.
     */
    private CompletableFuture<Void> run(Supplier<CompletableFuture<Void>> request) {
        CompletableFuture<Void> done = request.get();
        done.whenComplete((v, failure) -> {
            if (failure != null) {
                Dialogs.error(owner, i18n, "error.moderate", failure);
            }
        });
        return done;
    }

    /** Roles change without an event: reload the room's members so the list shows the new role. */
    private void refresh(ConversationState state, Conversation.InRoom room) {
        session.call(client -> client.members(Optional.of(room.room()))).thenAccept(list -> state.setMembers(list.members()));
    }

    private static MenuItem item(String id, String text, Runnable action) {
        MenuItem item = new MenuItem(text);
        item.setId(id);
        item.setOnAction(e -> action.run());
        return item;
    }
}
