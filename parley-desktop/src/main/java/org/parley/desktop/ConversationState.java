package org.parley.desktop;

import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.parley.protocol.chat.Conversation;

/** A room or private conversation as the window shows it: its lines, unread count and header info. FX thread only. */
public final class ConversationState {
    private final Conversation conversation;
    private final ObservableList<ChatLine> lines = FXCollections.observableArrayList();
    private final IntegerProperty unread = new SimpleIntegerProperty();
    private final IntegerProperty members = new SimpleIntegerProperty();
    private final StringProperty topic = new SimpleStringProperty("");

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

    public IntegerProperty members() {
        return members;
    }

    public StringProperty topic() {
        return topic;
    }
}
