package org.parley.desktop;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.parley.client.Mentions;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.SessionListener;
import org.parley.client.KeyUpdates;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.SendOutcome;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.StoredMessage;

/**
 * The chat state the main window shows: conversations with their lines and unread counts, who is
 * online, and whether the connection is up. Fed by the client library's events.
 *
 * <p>Every mutation happens on the JavaFX thread: the session delivers {@link #listener()}'s calls
 * there (its callback executor is {@code Platform::runLater}), so the model needs no hops of its own.
 * Presence events are applied by {@link PresenceChanges}, and messages become lines through
 * {@link ChatLines}; a message being sent from here is a line at once, kept by {@link PendingLines}.
 */
public final class ChatModel {
    private final I18n i18n;
    private final ObservableList<ConversationState> conversations = FXCollections.observableArrayList();
    private final ObjectProperty<ConversationState> selected = new SimpleObjectProperty<>();
    private final ObservableList<String> online = FXCollections.observableArrayList();
    private final IntegerProperty onlineCount = new SimpleIntegerProperty();
    private final BooleanProperty connected = new SimpleBooleanProperty(true);
    private final StringProperty disconnectReason = new SimpleStringProperty("");
    private final ObjectProperty<KeyUpdates> keyUpdates = new SimpleObjectProperty<>(KeyUpdates.NONE);
    private final ObjectProperty<ParleyClient> liveClient = new SimpleObjectProperty<>();
    private final BooleanProperty autoReconnect = new SimpleBooleanProperty();
    private final ObjectProperty<ServerKeyChangedException> serverKeyChanged = new SimpleObjectProperty<>();
    private String me = "";
    private Consumer<ConversationState> privateOpened = state -> { };
    private BiConsumer<ConversationState, ChatLine> mentioned = (state, line) -> { };
    /** Per conversation shown, the ids of its end-to-end messages, so a live one and its history copy show once. */
    private final java.util.Map<ConversationState, java.util.Set<String>> e2eShown = new java.util.WeakHashMap<>();
    private final PresenceChanges presence;
    private final PendingLines pending;
    /** Notices that came while no conversation was shown (at login): they go into the first one. */
    private final List<ChatLine> pendingNotices = new java.util.ArrayList<>();

    public ChatModel(I18n i18n) {
        this.i18n = i18n;
        this.presence = new PresenceChanges(this, i18n);
        this.pending = new PendingLines(this);
        selected.addListener((obs, old, now) -> {
            if (now != null) {
                now.unread().set(0);
                now.mentions().set(0);
            }
        });
    }

    /** The session's listener; a ParleySession calls it on the FX thread. */
    public SessionListener listener() {
        return new ChatModelListener(this);
    }

    /** Set when the session ended because a reconnect found the server's key changed. FX thread. */
    public ObjectProperty<ServerKeyChangedException> serverKeyChanged() {
        return serverKeyChanged;
    }

    /** The connection in use: the first login's, then each automatic reconnect's. FX thread. */
    public ObjectProperty<ParleyClient> liveClient() {
        return liveClient;
    }

    /** True while a lost connection will be re-established automatically. */
    public BooleanProperty autoReconnect() {
        return autoReconnect;
    }

    /** Key updates of the live connection so far (reset by a reconnect). */
    public ObjectProperty<KeyUpdates> keyUpdates() {
        return keyUpdates;
    }

    public void setMe(String displayName) {
        this.me = displayName;
    }

    public String me() {
        return me;
    }

    /** Called when a message opens a private conversation not shown before (the window loads its history). */
    public void onPrivateOpened(Consumer<ConversationState> action) {
        this.privateOpened = action;
    }

    /** Called for each new (not replayed) message that mentions this user (the window notifies). */
    public void onMentioned(BiConsumer<ConversationState, ChatLine> action) {
        this.mentioned = action;
    }

    /** Applies one server event. FX thread. */
    public void apply(ChatEvent.Push event) {
        switch (event) {
            case ChatEvent.RoomMessage m -> add(room(m.room()), ChatLines.stored(m.message(), false, me), !m.history());
            case ChatEvent.PrivateMessage m -> {
                String peer = same(m.message().from(), me) ? m.to() : m.message().from();
                Conversation.WithUser with = new Conversation.WithUser(peer);
                boolean fresh = find(with).isEmpty();
                ConversationState state = open(with);
                add(state, ChatLines.stored(m.message(), true, me), !m.history());
                if (fresh) {
                    privateOpened.accept(state);
                }
            }
            case ChatEvent.Presence p -> presence.apply(p);
            case ChatEvent.TopicChanged t -> {
                room(t.room()).topic().set(DisplayText.safe(t.topic()));
                notice(room(t.room()), i18n.get("notice.topic", t.by(), t.topic()));
            }
            case ChatEvent.Invited i -> notice(current(), i18n.get("notice.invited", i.by(), i.room()));
            case ChatEvent.RemovedFromRoom r -> notice(room(r.room()), i18n.get("notice.removed", r.by(), r.reason()));
            case ChatEvent.Notice n -> notice(current(), ServerTexts.translate(i18n, n.text()));
            // End-to-end envelopes and device changes: the client library's end-to-end layer (issue 8).
            case ChatEvent.EnvelopeBatch b -> { }
            case ChatEvent.DeviceChanged d -> { }
            case ChatEvent.RoomLogAppended a -> { }
        }
    }

    /**
     * After a reconnect the server refused for good to let the session back into {@code room}: as
     * for a kick ({@link ChatEvent.RemovedFromRoom}), the room's conversation says so, with the
     * refusal in the user's language, and stays in the list until closed. FX thread.
     */
    public void dropped(String room, RequestFailedException refusal) {
        notice(room(room), i18n.get("notice.dropped", Dialogs.explain(i18n, refusal)));
    }

    /**
     * Applies one end-to-end event: a message, or a notice in the conversation it concerns; a notice
     * about one of this account's own devices goes to the current conversation, never to one with
     * yourself. FX thread.
     */
    public void applyE2e(E2eEvent event) {
        switch (event) {
            case E2eEvent.Message m -> sentOrReceived(m.message());
            case E2eEvent.DeviceNotice d -> notice(e2eConversation(d.user()),
                    "🔒 " + i18n.get("e2e.device." + d.kind().name(), d.user(), d.deviceId())
                            + (d.blocksSending() ? " " + i18n.get("e2e.blocked", d.user()) : ""));
            case E2eEvent.DecryptFailure f -> notice(e2eConversation(f.fromUser()),
                    "🔒 " + i18n.get("e2e.decryptFailed", f.fromUser(), f.fromDevice(), f.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.MessagesMissing m -> notice(e2eConversation(m.fromUser()),
                    "🔒 " + i18n.get("e2e.missing", m.count(), m.fromUser(), m.fromDevice()));
            case E2eEvent.NotEncryptedForThisDevice n -> notice(e2eConversation(n.fromUser()),
                    "🔒 " + i18n.get("e2e.notEncryptedHere", n.fromUser(), n.fromDevice()));
            case E2eEvent.FromUnverifiedDevice u -> notice(e2eConversation(u.fromUser()),
                    "⚠ " + i18n.get("e2e.fromUnverified", u.fromUser(), u.fromDevice()));
            case E2eEvent.BundleRefused b -> notice(e2eConversation(b.user()),
                    "🔒 " + i18n.get("e2e.bundleRefused", b.user(), b.deviceId(), b.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.SendSettled s -> {
                // A message kept in the device's outbox across a restart (docs/E2EE.md 20.3): nobody waits for it.
                notice(e2eConversation(s.message().peer()), (s.outcome() == SendOutcome.SENT ? "🔒 " : "⚠ ")
                        + i18n.get("e2e.settled." + s.outcome().name(), s.message().peer(), s.detail(), s.message().text()));
                if (s.outcome() == SendOutcome.SENT) {
                    sentOrReceived(s.message());
                }
            }
            case E2eEvent.RoomSendSettled s -> {
                notice(room(s.message().room()), (s.outcome() == SendOutcome.SENT ? "🔒 " : "⚠ ")
                        + i18n.get("e2e.roomSettled." + s.outcome().name(), s.message().room(), s.detail(), s.message().text()));
                if (s.outcome() == SendOutcome.SENT) {
                    roomMessage(s.message());
                }
            }
            // A plaintext-room message kept across a restart (docs/E2EE.md 20.3): no lock, it was never encrypted.
            case E2eEvent.RoomTextSettled s -> notice(room(s.room()), (s.outcome() == SendOutcome.SENT ? "✓ " : "⚠ ")
                    + i18n.get("e2e.roomTextSettled." + s.outcome().name(), s.room(), s.detail(), s.text(),
                            String.valueOf(s.serverId())));
            case E2eEvent.OutboxEntryUnreadable u -> notice(current(),
                    "⚠ " + i18n.get("e2e.outboxUnreadable", u.file(), u.reason().name().toLowerCase(Locale.ROOT)));
        }
    }

    /** The conversation with {@code user}, or the current one when {@code user} is this account. */
    private ConversationState e2eConversation(String user) {
        return same(user, me) ? current() : open(new Conversation.WithUser(user));
    }

    /** Shows an end-to-end message (received, sent here, or sent from another of this account's devices) once. FX thread. */
    public void sentOrReceived(E2eMessage message) {
        Conversation.WithUser with = new Conversation.WithUser(message.peer());
        boolean fresh = find(with).isEmpty();
        ConversationState state = open(with);
        if (firstShowing(state, message.messageId())) {
            add(state, ChatLines.endToEnd(message), true);
        }
        if (fresh) {
            privateOpened.accept(state);
        }
    }

    /**
     * Inserts this device's end-to-end history with the conversation's peer (oldest first) above
     * the live lines and below older plain-text ones, or, when there is none, the note that earlier
     * messages are not on this device. FX thread.
     */
    public void e2eHistory(ConversationState state, List<E2eMessage> oldestFirst) {
        int at = (int) state.lines().stream().takeWhile(l -> l.protection() == ChatLine.Protection.NOT_END_TO_END).count();
        List<ChatLine> lines = new java.util.ArrayList<>();
        if (oldestFirst.isEmpty()) {
            lines.add(new ChatLine(0, ChatLine.Kind.NOTICE, "", Instant.now(), "🔒 " + i18n.get("e2e.newDevice")));
        }
        oldestFirst.stream().filter(m -> firstShowing(state, m.messageId())).forEach(m -> {
            if (m.fromUnverifiedDevice()) {
                // The history keeps what the live notice said before this message (docs/E2EE.md §20.5).
                lines.add(new ChatLine(0, ChatLine.Kind.NOTICE, "", m.sentAt(),
                        "⚠ " + i18n.get("e2e.fromUnverified", m.fromUser(), m.fromDevice())));
            }
            lines.add(ChatLines.endToEnd(m));
        });
        state.lines().addAll(at, lines);
    }

    boolean firstShowing(ConversationState state, String messageId) {
        return e2eShown.computeIfAbsent(state, s -> new java.util.HashSet<>()).add(messageId);
    }

    /** Applies one encrypted-room event: a message (once), or a notice or refusal in that room. FX thread. */
    public void applyRoom(RoomEvent event) {
        switch (event) {
            case RoomEvent.Message m -> roomMessage(m.message());
            case RoomEvent.Notice n -> notice(room(n.room()), RoomTexts.notice(i18n, n));
            case RoomEvent.Problem p -> notice(room(p.room()), RoomTexts.problem(i18n, p));
        }
    }

    /** Shows a message of an encrypted room (received, or sent from here or another own device) once, with the lock. FX thread. */
    public void roomMessage(E2eRoomMessage message) {
        ConversationState state = room(message.room());
        if (firstShowing(state, message.messageId())) {
            add(state, ChatLines.inRoom(message, me), true);
        }
    }

    /** Inserts this device's history of an encrypted room (oldest first) above the lines shown, each message once. FX thread. */
    public void roomHistory(ConversationState state, List<E2eRoomMessage> oldestFirst) {
        List<ChatLine> lines = new java.util.ArrayList<>();
        oldestFirst.stream().filter(m -> firstShowing(state, m.messageId())).forEach(m -> {
            if (m.fromUnverifiedDevice()) {
                lines.add(new ChatLine(0, ChatLine.Kind.NOTICE, "", m.sentAt(), RoomTexts.notice(i18n, new RoomEvent.Notice(
                        m.room(), org.parley.client.e2ee.room.RoomNoticeKind.FROM_UNVERIFIED_DEVICE, m.fromUser(), m.fromDevice(), ""))));
            }
            lines.add(ChatLines.inRoom(m, me));
        });
        state.lines().addAll(0, lines);
    }

    /** Records a joined room (answer to join / create) and selects it. */
    public ConversationState joined(ChatEvent.JoinedRoom joined) {
        ConversationState state = rejoined(joined);
        selected.set(state);
        return state;
    }

    /** Updates a room's topic and member count after joining it again (e.g. after a reconnect), keeping the selection. */
    public ConversationState rejoined(ChatEvent.JoinedRoom joined) {
        ConversationState state = room(joined.room().name());
        state.topic().set(DisplayText.safe(joined.room().topic()));
        state.encrypted().set(joined.room().encrypted());
        state.members().set(Math.max(joined.room().memberCount(), joined.members().size()));
        state.setMembers(joined.members());
        return state;
    }

    /** Finds or creates the entry for {@code conversation}. */
    public ConversationState open(Conversation conversation) {
        return find(conversation).orElseGet(() -> {
            ConversationState state = new ConversationState(conversation);
            state.lines().addAll(pendingNotices);
            pendingNotices.clear();
            conversations.add(state);
            return state;
        });
    }

    public void remove(ConversationState state) {
        conversations.remove(state);
        if (selected.get() == state) {
            selected.set(conversations.isEmpty() ? null : conversations.getFirst());
        }
    }

    public void setOnline(List<MemberInfo> members) {
        online.setAll(members.stream().map(MemberInfo::user).sorted(String.CASE_INSENSITIVE_ORDER).toList());
        onlineCount.set(online.size());
    }

    /**
     * Inserts a page of older messages (newest first, as the server sends them) above the lines
     * shown, skipping any already there. A page of the newest messages may hold a message sent
     * from here whose answer has not come yet: its copy in the page takes its pending line
     * ({@link PendingLines#inHistory}) instead of showing it twice.
     */
    public void prependHistory(ConversationState state, List<StoredMessage> newestFirst) {
        java.util.Set<Long> shown = new java.util.HashSet<>();
        state.lines().forEach(l -> shown.add(l.id()));
        boolean privately = state.conversation() instanceof Conversation.WithUser;
        List<ChatLine> older = newestFirst.reversed().stream().filter(m -> !shown.contains(m.id()))
                .map(m -> ChatLines.stored(m, privately, me)).toList();
        older.forEach(line -> pending.inHistory(state, line));
        state.lines().addAll(0, older);
    }

    /** The id of the oldest message shown, or 0 (meaning "newest") when none is. */
    public static long oldestId(ConversationState state) {
        return state.lines().stream().mapToLong(ChatLine::id).filter(id -> id > 0).min().orElse(0);
    }

    /** @param live false for history replayed on joining, which never notifies */
    private void add(ConversationState state, ChatLine line, boolean live) {
        if (pending.echo(state, line, live) || line.id() > 0 && state.lines().stream().anyMatch(l -> l.id() == line.id())) {
            return;
        }
        state.lines().add(PendingLines.end(state), line);
        boolean mention = line.kind() != ChatLine.Kind.OWN && Mentions.mentions(line.text(), me);
        if (selected.get() != state && line.kind() != ChatLine.Kind.OWN) {
            state.unread().set(state.unread().get() + 1);
            if (mention) {
                state.mentions().set(state.mentions().get() + 1);
            }
        }
        if (mention && live) {
            mentioned.accept(state, line);
        }
        if (selected.get() == null) {
            selected.set(state);
        }
    }

    /** The messages being sent from here, each shown at once as a pending line until it is settled. FX thread. */
    PendingLines pending() {
        return pending;
    }

    void notice(ConversationState state, String text) {
        ChatLine line = new ChatLine(0, ChatLine.Kind.NOTICE, "", Instant.now(), text);
        if (state != null) {
            state.lines().add(PendingLines.end(state), line);
        } else {
            pendingNotices.add(line);
        }
    }

    private ConversationState current() {
        return selected.get() != null ? selected.get() : conversations.isEmpty() ? null : conversations.getFirst();
    }

    private ConversationState room(String name) {
        return conversations.stream()
                .filter(c -> c.conversation() instanceof Conversation.InRoom r && same(r.room(), name))
                .findFirst()
                .orElseGet(() -> open(new Conversation.InRoom(name)));
    }

    Optional<ConversationState> find(Conversation conversation) {
        return conversations.stream().filter(c -> switch (c.conversation()) {
            case Conversation.InRoom r -> conversation instanceof Conversation.InRoom o && same(r.room(), o.room());
            case Conversation.WithUser u -> conversation instanceof Conversation.WithUser o && same(u.peer(), o.peer());
        }).findFirst();
    }

    /** Names compare case-insensitively, as the server's canonical form does for ASCII and Chinese alike. */
    static boolean same(String a, String b) {
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    public ObservableList<ConversationState> conversations() {
        return conversations;
    }

    public ObjectProperty<ConversationState> selected() {
        return selected;
    }

    public ObservableList<String> online() {
        return online;
    }

    public IntegerProperty onlineCount() {
        return onlineCount;
    }

    public BooleanProperty connected() {
        return connected;
    }

    public StringProperty disconnectReason() {
        return disconnectReason;
    }
}
