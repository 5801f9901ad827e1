package org.parley.desktop;

import java.util.Comparator;
import java.util.List;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;

/** A room or private conversation as the window shows it: its lines, unread count and header info. FX thread only. */
public final class ConversationState {
    private final Conversation conversation;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final IntegerProperty mentions = new SimpleIntegerProperty();
    private final IntegerProperty members = new SimpleIntegerProperty();
    private final StringProperty topic = new SimpleStringProperty("");
    private final javafx.beans.property.BooleanProperty encrypted = new javafx.beans.property.SimpleBooleanProperty();
    private final ObservableList<MemberInfo> memberList = FXCollections.observableArrayList();

    private static final Comparator<MemberInfo> ORDER = Comparator.comparing((MemberInfo m) -> -m.role().code())
            .thenComparing(MemberInfo::user, String.CASE_INSENSITIVE_ORDER);

    public ConversationState(Conversation conversation) {
        this.conversation = conversation;
    }

    public Conversation conversation() {
        return conversation;
    }

    /** The name shown in the list: "# room" or "@ user". */
    public String displayName() {
        return switch (conversation) {
            case Conversation.InRoom room -> "# " + room.room();
            case Conversation.WithUser user -> "@ " + user.peer();
        };
    }

    public ObservableList<ChatLine> lines() {
        return lines;
    }

    public IntegerProperty unread() {
        return unread;
    }

    /** Unread messages that mention this user ({@code @name}); reset with {@link #unread()}. */
    public IntegerProperty mentions() {
        return mentions;
    }

    /** The conversation list's text: a lock for an end-to-end encrypted room, the name, the unread count, and {@code @} while an unread message mentions this user. */
    public String listLabel() {
        return (encrypted.get() ? "🔒 " : "") + displayName() + (unread.get() > 0 ? "   (" + unread.get() + ")" : "") + (mentions.get() > 0 ? "  @" : "");
    }

    public IntegerProperty members() {
        return members;
    }

    public StringProperty topic() {
        return topic;
    }

    /** Whether this room is end-to-end encrypted (as the server's room info says; final for a room); false for private chats. */
    public javafx.beans.property.BooleanProperty encrypted() {
        return encrypted;
    }

    /** The room's members as last listed by the server and updated by join/leave events; empty for private chats. */
    public ObservableList<MemberInfo> memberList() {
        return memberList;
    }

    /** Replaces the member list: owners first, then operators, then members, each by name. */
    public void setMembers(List<MemberInfo> members) {
        memberList.setAll(members.stream().sorted(ORDER).toList());
    }

    public void memberJoined(String user) {
        if (memberList.stream().noneMatch(m -> m.user().equalsIgnoreCase(user))) {
            memberList.add(new MemberInfo(user, Role.MEMBER, 1));
            FXCollections.sort(memberList, ORDER);
        }
    }

    public void memberLeft(String user) {
        memberList.removeIf(m -> m.user().equalsIgnoreCase(user));
    }
}
