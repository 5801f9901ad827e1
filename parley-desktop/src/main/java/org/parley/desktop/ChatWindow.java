package org.parley.desktop;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ListView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.UnacceptedChangesException;
import org.parley.protocol.chat.Conversation;

/**
 * The main window: conversations (rooms and private chats, with unread counts), the selected
 * conversation, the online list, the message input with an emoji picker, a connection indicator,
 * and one click to the security panel.
 *
 * <p>Every request goes through the {@link ParleySession}, whose futures complete on the FX thread
 * (its callback executor), so no request needs a hop of its own. The session reconnects by itself;
 * this window follows its live connection through {@link ChatModel#liveClient()}. Enter sends,
 * Shift+Enter starts a new line.
 *
 * <p>The conversation list and its room actions are {@link ConversationsPane}, the header and lock
 * line {@link ConversationHeader}, the loading of earlier messages {@link ConversationHistory};
 * this class wires them together and owns the message list and the input.
 */
public final class ChatWindow {
    /** How long a send may take before its conversation says it is not confirmed yet. */
    static final java.time.Duration PENDING_NOTICE_AFTER = java.time.Duration.ofSeconds(3);
    private final DesktopContext context;
    private final DesktopSession session;
    private final ChatModel model;
    private final Stage stage;
    private final ListView<ChatLine> messages = new ListView<>();
    private final TextArea input = new TextArea();
    private final ConversationHeader header;
    private final ConversationHistory history;
    private final ConversationsPane conversations;
    /** The session: requests, rooms to rejoin, reconnects. */
    private final ParleySession parley;
    /** The live connection as the security panel describes it. FX thread. */
    private final ObjectProperty<DesktopSession> current = new SimpleObjectProperty<>();
    /** Keeps the newest line in view while the shown conversation grows. */
    private final javafx.collections.ListChangeListener<ChatLine> follow =
            c -> messages.scrollTo(Math.max(0, messages.getItems().size() - 1));

    public ChatWindow(DesktopContext context, DesktopSession session, ChatModel model, Stage stage, Runnable onClosed) {
        this.context = context;
        this.session = session;
        this.model = model;
        this.stage = stage;
        this.parley = session.parley();
        this.current.set(session);
        this.header = new ConversationHeader(context.i18n(), stage, parley, model);
        this.history = new ConversationHistory(context.i18n(), stage, parley, model);
        this.conversations = new ConversationsPane(context.i18n(), stage, parley, model);
        model.liveClient().addListener((obs, old, fresh) -> {
            if (fresh != null && fresh != session.client()) {
                reconnected(fresh);
            }
        });
        // A reconnect refused for a changed server key: the same red warning as at login.
        model.serverKeyChanged().addListener((obs, old, changed) -> {
            if (changed != null) {
                Dialogs.keyChanged(stage, context.i18n(), changed);
            }
        });
        Scene scene = new Scene(build(), context.settings().width("main", 1000), context.settings().height("main", 680));
        scene.getStylesheets().add(Styles.sheet());
        Shortcuts.install(scene);
        stage.setScene(scene);
        stage.titleProperty().bind(Bindings.createStringBinding(
                () -> "Parley — " + session.user() + " @ " + session.server(), context.i18n().localeProperty()));
        stage.setOnHiding(e -> {
            context.settings().rememberSize("main", stage.getWidth(), stage.getHeight());
            // Removes the session key from the account, then closes the connection.
            parley.closeAsync("closed").whenComplete((v, f) -> Platform.runLater(onClosed));
        });
    }

    public Stage stage() {
        return stage;
    }

    /** Joins the lobby and loads who is online; called once after the window is shown. */
    public void start() {
        // A private conversation opened by an incoming message shows what came before it: the
        // server's old plain-text messages and this device's end-to-end history.
        model.onPrivateOpened(state -> {
            history.loadOlder(state);
            if (state.conversation() instanceof Conversation.WithUser with) {
                history.loadE2eHistory(state, with.peer());
            }
        });
        MentionToast toast = new MentionToast(stage, context.i18n());
        model.onMentioned((state, line) -> toast.show(state, line, model.selected().get() == state, () -> model.selected().set(state)));
        conversations.join("lobby");
        // Someone coming online may be a new account the server put into rooms without a JOINED event.
        model.online().addListener((javafx.collections.ListChangeListener<String>) c -> refreshMemberCounts());
        refreshOnline();
    }

    private BorderPane build() {
        BorderPane root = new BorderPane();
        root.setTop(TopBar.create(context, model, session.user(), model.autoReconnect(),
                () -> SecurityPanel.show(stage, context.i18n(), current, model.keyUpdates(),
                        Optional.ofNullable(model.selected().get()).map(ConversationState::conversation)),
                () -> AccountWindow.show(stage, context.i18n(), parley)));
        root.setLeft(conversations.create(this::show));
        root.setCenter(conversationPane());
        root.setRight(OnlinePane.create(context.i18n(), model, this::openPrivate,
                new MemberMenu(context.i18n(), stage, parley, session.user())));
        root.getStyleClass().add("main");
        return root;
    }

    private VBox conversationPane() {
        messages.setId("messages");
        messages.setCellFactory(v -> new MessageCell(messages, context.i18n(), context.browser(), model::me));
        messages.setFocusTraversable(false);
        I18n i18n = context.i18n();
        // A screen reader hears each line through its cell (ScreenReaderText); these say what the controls are.
        messages.accessibleTextProperty().bind(i18n.text("a11y.messages"));
        context.i18n().localeProperty().addListener((obs, old, now) -> {
            show(model.selected().get());
            messages.refresh();
        });
        input.setId("input");
        input.setPrefRowCount(2);
        input.setWrapText(true);
        input.promptTextProperty().bind(context.i18n().text("main.inputHint"));
        // Help, not text: a text area's accessible text would replace what is typed in it for the screen reader.
        input.accessibleHelpProperty().bind(i18n.text("a11y.inputHelp"));
        input.addEventFilter(KeyEvent.KEY_PRESSED, this::onKey);
        EmojiPicker picker = new EmojiPicker(emoji -> input.insertText(input.getCaretPosition(), emoji));
        Button emoji = new Button("😀");
        emoji.setId("emoji");
        emoji.accessibleTextProperty().bind(i18n.text("a11y.emoji"));
        emoji.setOnAction(e -> {
            var at = emoji.localToScreen(0, 0);
            picker.popup().show(emoji, at.getX(), at.getY() - 170);
        });
        Button send = button("send", "main.send", this::send);
        send.accessibleHelpProperty().bind(i18n.text("a11y.sendHelp"));
        send.setMinWidth(Region.USE_PREF_SIZE);
        emoji.setMinWidth(Region.USE_PREF_SIZE);
        emoji.getStyleClass().add("emoji");
        HBox.setHgrow(input, Priority.ALWAYS);
        HBox compose = new HBox(8, emoji, input, send);
        compose.setAlignment(Pos.CENTER);
        VBox.setVgrow(messages, Priority.ALWAYS);
        Button older = button("older", "main.older", this::loadOlder);
        older.getStyleClass().add("older");
        older.accessibleTextProperty().bind(i18n.text("a11y.older"));
        // Scrolling up past the first message loads the page before it.
        messages.addEventFilter(javafx.scene.input.ScrollEvent.SCROLL, e -> {
            if (e.getDeltaY() > 0 && messages.lookup(".virtual-flow") instanceof javafx.scene.control.skin.VirtualFlow<?> flow
                    && flow.getFirstVisibleCell() != null && flow.getFirstVisibleCell().getIndex() == 0) {
                loadOlder();
            }
        });
        VBox pane = new VBox(8, header.headerRow(older), header.lockRow(), messages, compose);
        pane.setPadding(new Insets(8));
        return pane;
    }

    /** Opens (or selects) the private conversation with {@code user}. FX thread. */
    public void openPrivate(String user) {
        if (user != null && !user.equalsIgnoreCase(session.user())) {
            ConversationState state = model.open(new Conversation.WithUser(user));
            model.selected().set(state);
            if (state.lines().isEmpty()) {
                loadOlder();
            }
            input.requestFocus();
        }
    }

    private void show(ConversationState state) {
        if (state == null) {
            if (messages.getItems() != null) {
                messages.getItems().removeListener(follow);
            }
            messages.setItems(null);
            header.clear();
            return;
        }
        header.show(state);
        history.shown(state);
        if (messages.getItems() != null) {
            messages.getItems().removeListener(follow);
        }
        messages.setItems(state.lines());
        state.lines().addListener(follow);
        messages.scrollTo(Math.max(0, state.lines().size() - 1));
    }

    private void onKey(KeyEvent event) {
        if (event.getCode() != KeyCode.ENTER) {
            return;
        }
        event.consume();
        if (event.isShiftDown()) {
            input.insertText(input.getCaretPosition(), "\n");
        } else {
            send();
        }
    }

    /**
     * Sends the typed text to the selected conversation. It shows at once, greyed as being sent, at
     * the end of the conversation, and becomes the normal message in place when it is confirmed
     * ({@link PendingLines}). FX thread.
     */
    public void send() {
        ConversationState state = model.selected().get();
        String text = input.getText().strip();
        if (state == null || text.isEmpty()) {
            return;
        }
        input.clear();
        PendingLines sends = model.pending();
        switch (state.conversation()) {
            case Conversation.InRoom room when parley.isEncrypted(room.room()) -> {
                PendingLines.Send send = sends.sending(state, text, true);
                settle(send, text, parley.sendRoom(room.room(), text), message -> sends.sent(send, message));
            }
            // Sent once: kept across a lost connection and sent again after the reconnect (PROTOCOL.md 14.5).
            case Conversation.InRoom room -> {
                PendingLines.Send send = sends.sending(state, text, false);
                settle(send, text, parley.sendRoomText(room.room(), text), id -> sends.stored(send, id));
            }
            case Conversation.WithUser user -> sendPrivate(sends.sending(state, text, true), user.peer(), text);
        }
    }

    /**
     * Follows one send to its end: confirmed, or (not a dialog: a fast typist over the rate limit
     * would get one per line) its line says why it failed and the text goes back into the input.
     */
    private <T> void settle(PendingLines.Send send, String text, CompletableFuture<T> sent, Consumer<T> confirmed) {
        announceIfPending(send, sent);
        sent.whenComplete((result, failure) -> {
            if (failure == null) {
                confirmed.accept(result);
            } else {
                notSent(send, failure, text);
            }
        });
    }

    /**
     * A send still unconfirmed {@link #PENDING_NOTICE_AFTER} after it was made (its answer lost with
     * the connection, the server slow, the device busy) says so on its line: the session sends it
     * again, once, when it can (PROTOCOL.md 14.5). FX thread.
     */
    private void announceIfPending(PendingLines.Send send, CompletableFuture<?> sent) {
        CompletableFuture.delayedExecutor(PENDING_NOTICE_AFTER.toMillis(), TimeUnit.MILLISECONDS)
                .execute(() -> Platform.runLater(() -> {
                    if (!sent.isDone()) {
                        model.pending().overdue(send);
                    }
                }));
    }

    /** A send that failed: its line says why, and the text goes back into the input. FX thread. */
    private void notSent(PendingLines.Send send, Throwable failure, String text) {
        if (unwrap(failure) instanceof SendNotConfirmedException kept && kept.keptForNextStart()) {
            model.pending().kept(send); // sent again at the next start: giving the text back would invite a second copy
            return;
        }
        if (unwrap(failure) instanceof SendNotConfirmedException) {
            model.pending().unconfirmed(send); // it may have been delivered: not "not sent"
        } else {
            model.pending().refused(send, Dialogs.explain(context.i18n(), failure));
        }
        giveBack(text);
    }

    private void giveBack(String text) {
        input.setText(input.getText().isEmpty() ? text : input.getText() + "\n" + text);
        input.end();
    }

    /**
     * Sends end to end; a verified contact whose devices changed is asked about first ("accept
     * and send", after which the message goes out), never silently. Meanwhile its line stays
     * pending. FX thread.
     */
    private void sendPrivate(PendingLines.Send send, String peer, String text) {
        CompletableFuture<org.parley.client.e2ee.E2eMessage> sending = parley.sendPrivate(peer, text);
        announceIfPending(send, sending);
        sending.whenComplete((sent, failure) -> {
            if (failure == null) {
                model.pending().sent(send, sent);
            } else if (unwrap(failure) instanceof UnacceptedChangesException) {
                E2eChangeDialog.ask(stage, context.i18n(), peer, () -> parley.acceptChanges(peer)
                        .whenComplete((v, f) -> {
                            if (f == null) {
                                sendPrivate(send, peer, text);
                            } else {
                                notSent(send, f, text);
                            }
                        }), () -> {
                            model.pending().refused(send, context.i18n().get("e2e.blocked", peer));
                            giveBack(text);
                        });
            } else {
                notSent(send, failure, text);
            }
        });
    }

    private static Throwable unwrap(Throwable failure) {
        return failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }

    /** A reconnect succeeded (the session rejoined the rooms, the model took the answers): follow the new connection. */
    private void reconnected(ParleyClient fresh) {
        current.set(current.get().reconnectedWith(fresh));
        refreshOnline();
    }

    private void refreshOnline() {
        parley.call(client -> client.members(Optional.empty())).whenComplete((list, failure) -> {
            if (failure == null) {
                model.setOnline(list.members());
            }
        });
    }

    /** Loads the page of messages before the oldest one shown in the selected conversation. FX thread. */
    public void loadOlder() {
        history.loadOlder(model.selected().get());
    }

    private void refreshMemberCounts() {
        for (ConversationState state : List.copyOf(model.conversations())) {
            if (state.conversation() instanceof Conversation.InRoom room) {
                parley.call(client -> client.members(Optional.of(room.room()))).whenComplete((list, failure) -> {
                    if (failure == null) {
                        state.members().set(list.members().size());
                        state.setMembers(list.members());
                    }
                });
            }
        }
    }

    private Button button(String id, String key, Runnable action) {
        Button button = new Button();
        button.setId(id);
        button.textProperty().bind(context.i18n().text(key));
        button.setOnAction(e -> action.run());
        button.setMinWidth(Region.USE_PREF_SIZE);
        return button;
    }
}
