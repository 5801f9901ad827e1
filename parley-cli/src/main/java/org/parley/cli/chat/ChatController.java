package org.parley.cli.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.parley.client.LoginKeyFile;
import org.parley.client.ParleyClient;
import org.parley.client.ParleySession;
import org.parley.client.ConnectionFailedException;
import org.parley.client.EndToEndException;
import org.parley.client.UnacceptedChangesException;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.RequestFailedException;
import org.parley.client.RequestQueueFullException;
import org.parley.client.SendNotConfirmedException;
import org.parley.client.WeakPasswordException;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/**
 * Carries out one input line at a time against the server and reports the outcome to a
 * {@link ChatView}. Lines are handled in order and each waits for its answer, so a script's
 * {@code /join} is complete before its next line is sent to that room.
 *
 * <p>The current room is the last one joined; leaving it (or being kicked or banned from it, or the
 * session dropping it after a reconnect: {@link #dropped}) makes the previously joined room current.
 */
public final class ChatController {
    private final ParleySession session;
    private final ChatView view;
    private final EchoTracker echoes;
    private final JoinGate gate;
    private final Duration timeout;
    private final Function<String, Optional<char[]>> secretPrompt;
    private final SequencedSet<String> joined = new LinkedHashSet<>();
    private final SafetyNumberCommand safetyNumbers;
    private final PendingSends sends;

    /**
     * @param secretPrompt asks for a secret at the terminal (empty in {@code --json} mode)
     */
    ChatController(ParleySession session, ChatView view, EchoTracker echoes, JoinGate gate, Duration timeout,
            Function<String, Optional<char[]>> secretPrompt) {
        this.session = session;
        this.view = view;
        this.echoes = echoes;
        this.gate = gate;
        this.timeout = timeout;
        this.secretPrompt = secretPrompt;
        this.safetyNumbers = new SafetyNumberCommand(session, view, timeout);
        this.sends = new PendingSends(view, timeout, this::report);
    }

    /** The room plain text goes to, if any. */
    public synchronized Optional<String> currentRoom() {
        return joined.isEmpty() ? Optional.empty() : Optional.of(joined.getLast());
    }

    /** Whether {@code room} is end-to-end encrypted, as far as this device knows (the prompt shows a lock). */
    public boolean isEncrypted(String room) {
        return session.isEncrypted(room);
    }

    /** Handles one line; returns false when the user asked to quit. */
    public boolean handle(ChatInput input) throws InterruptedException {
        try {
            return dispatch(input);
        } catch (ExecutionException e) {
            report(e.getCause());
        } catch (TimeoutException e) {
            view.error("TIMEOUT", "no answer from the server within " + timeout.toSeconds() + " s");
        } catch (NoRoomException e) {
            view.error("NO_ROOM", e.getMessage());
        } catch (IOException e) {
            view.error("LOCAL", e.getMessage());
        } catch (IllegalArgumentException e) {
            view.error("USAGE", e.getMessage());
        }
        return true;
    }

    private boolean dispatch(ChatInput input) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        switch (input) {
            case ChatInput.Say say -> say(say.text());
            case ChatInput.Join join -> join(join.room());
            case ChatInput.Leave leave -> leave(leave.room());
            case ChatInput.Rooms rooms -> view.rooms(await(client().rooms()).rooms());
            case ChatInput.Who who -> who(who.room());
            case ChatInput.Msg msg -> sends.whenSent(session.sendPrivate(msg.user(), msg.text()), new Conversation.WithUser(msg.user()))
                    .ifPresent(sent -> view.e2e(new E2eEvent.Message(sent)));
            case ChatInput.Verify verify -> safetyNumbers.run(verify.user(), verify.mark());
            case ChatInput.Accept accept -> {
                await(session.acceptChanges(accept.user()));
                view.done("accept");
            }
            case ChatInput.Devices devices -> view.devices(await(session.devices()), session.deviceId(),
                    await(session.pendingOwnDevices()));
            case ChatInput.RemoveDevice remove -> {
                await(session.removeDevice(remove.deviceId()));
                view.done("devices.remove");
            }
            case ChatInput.Topic topic -> {
                await(client().topic(room(), topic.topic()));
                view.done("topic");
            }
            case ChatInput.Invite invite -> invite(invite.user());
            case ChatInput.Uninvite uninvite -> {
                await(client().uninvite(room(), uninvite.user()));
                view.done("uninvite");
            }
            case ChatInput.Create create -> create(create);
            case ChatInput.Unban unban -> {
                await(client().unban(room(), unban.user()));
                view.done("unban");
            }
            case ChatInput.Op op -> {
                await(session.setRole(room(), op.user(), op.op() ? Role.OP : Role.MEMBER));
                view.done(op.op() ? "op" : "deop");
            }
            case ChatInput.Kick kick -> {
                await(session.kick(room(), kick.user(), kick.reason()));
                view.done("kick");
            }
            case ChatInput.Ban ban -> {
                await(session.ban(room(), ban.user(), ban.duration(), ban.reason()));
                view.done("ban");
            }
            case ChatInput.History history -> history(history);
            case ChatInput.Suite suite -> view.suite(client().session(), client().keyUpdates());
            case ChatInput.Rekey rekey -> {
                await(client().updateKeys());
                view.done("rekey");
            }
            case ChatInput.Fingerprint fingerprint -> view.fingerprint(client().session());
            case ChatInput.Passwd passwd -> passwd(passwd.currentPassword(), passwd.newPassword());
            case ChatInput.AddKey addKey -> {
                LoginKeyFile.LoginKey key = LoginKeyFile.read(addKey.file());
                await(client().addLoginKey(key.algorithm(), key.key().publicKey()));
                view.done("addkey");
            }
            case ChatInput.Keys keys -> view.loginKeys(await(client().loginKeys()));
            case ChatInput.RemoveKey removeKey -> {
                RegisteredPublicKey key = LoginKeyFingerprints.find(await(client().loginKeys()), removeKey.fingerprint());
                await(client().removeLoginKey(key.algorithm(), key.publicKey()));
                view.done("removekey");
            }
            case ChatInput.Quit quit -> {
                return false;
            }
            case ChatInput.RoomSecurity security -> roomSecurity(security.room());
            case ChatInput.Help help -> view.help();
            case ChatInput.Invalid invalid -> view.error("USAGE",
                    invalid.usage().isEmpty() ? "unknown command /" + invalid.command() + " (try /help)" : "usage: " + invalid.usage());
        }
        return true;
    }

    private void say(String text) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        if (text.isBlank()) {
            return;
        }
        String room = room();
        if (session.isEncrypted(room)) {
            // Shown from the answer: the room layer keeps the own message as sent (no echo to wait for).
            sends.whenSent(session.sendRoom(room, text), new Conversation.InRoom(room))
                    .ifPresent(sent -> view.room(new RoomEvent.Message(sent)));
            return;
        }
        int connection = echoes.connection();
        Optional<Long> id = sends.whenSent(session.sendRoomText(room, text), new Conversation.InRoom(room));
        if (id.isPresent()) {
            echoes.await(id.get(), connection, timeout);
        }
    }


    private void join(String room) throws ExecutionException, TimeoutException, InterruptedException {
        Optional<String> already = joinedAs(room);
        if (already.isPresent()) {
            // Switching to a room already joined: no request, so its history is not replayed.
            synchronized (this) {
                joined.remove(already.get());
                joined.add(already.get());
            }
            view.switched(already.get());
            return;
        }
        // The room's messages wait in the gate until "joined" is shown, so its history follows it.
        gate.joining(room);
        try {
            announce(await(session.join(room)));
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof RequestFailedException failed) || failed.code() != ErrorCode.NO_SUCH_ROOM) {
                throw e;
            }
            try {
                announce(await(session.createRoom(room, RoomVisibility.PUBLIC)));
            } catch (ExecutionException exists) {
                // A private room we are not invited to looks missing but cannot be created: report the first answer.
                throw exists.getCause() instanceof RequestFailedException taken && taken.code() == ErrorCode.ROOM_EXISTS ? e : exists;
            }
        } finally {
            gate.opened(room, () -> { });
        }
    }

    /** The room's name as joined, if the session is in it now (a kick or ban takes it out). */
    private Optional<String> joinedAs(String room) {
        return session.rooms().stream().filter(name -> name.equalsIgnoreCase(room)).findFirst();
    }

    /**
     * Waits until everything the server sent before now has reached the view: a ping's answer
     * comes after the events the server sent before it (end of input, {@code /quit}).
     */
    void drain() throws InterruptedException {
        try {
            await(client().ping());
        } catch (ExecutionException | TimeoutException e) {
            // The connection is gone or going: its end is reported after its last event anyway.
        }
    }

    private ParleyClient client() {
        return session.client();
    }

    private ChatEvent.JoinedRoom announce(ChatEvent.JoinedRoom answer) {
        String name = answer.room().name();
        synchronized (this) {
            joined.remove(name);
            joined.add(name);
        }
        gate.opened(name, () -> view.joined(answer));
        return answer;
    }

    private void leave(Optional<String> which) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        String room = which.isPresent() ? which.get() : room();
        await(session.leave(room));
        synchronized (this) {
            joined.removeIf(name -> name.equalsIgnoreCase(room));
        }
        view.left(room);
    }

    /**
     * This session is no longer in {@code room} (kicked, banned, or dropped after a reconnect because
     * the server refused it for good): it stops being joined here, so, as after {@code /leave}, the
     * previously joined room becomes current. Any thread.
     */
    synchronized void dropped(String room) {
        String canonical = Usernames.canonical(room);
        joined.removeIf(name -> Usernames.canonical(name).equals(canonical));
    }

    private void who(Optional<String> which) throws ExecutionException, TimeoutException, InterruptedException {
        Optional<String> room = which.isPresent() ? which.filter(name -> !name.equals("*")) : currentRoom();
        ChatEvent.MemberList list = await(client().members(room));
        view.members(list.room(), list.members());
    }

    private void history(ChatInput.History history) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        Conversation conversation = history.peer().isPresent()
                ? new Conversation.WithUser(history.peer().get())
                : new Conversation.InRoom(room());
        if (conversation instanceof Conversation.InRoom inRoom && session.isEncrypted(inRoom.room())) {
            // The server holds only envelopes: the readable history is the one kept on this device.
            List<E2eRoomMessage> local = await(session.roomHistory(inRoom.room()));
            view.roomHistory(inRoom.room(), local.subList(Math.max(0, local.size() - history.limit()), local.size()));
            return;
        }
        ChatEvent.HistoryPage page = await(client().history(conversation, 0, history.limit()));
        List<StoredMessage> oldestFirst = new ArrayList<>(page.messages());
        oldestFirst.sort((a, b) -> Long.compare(a.id(), b.id()));
        view.history(page.conversation(), oldestFirst, page.more());
        if (history.peer().isPresent()) {
            List<E2eMessage> local = await(session.history(history.peer().get()));
            view.e2eHistory(history.peer().get(), local.subList(Math.max(0, local.size() - history.limit()), local.size()));
        }
    }

    private void roomSecurity(Optional<String> which) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        String room = which.isPresent() ? which.get() : room();
        view.roomSecurity(room, session.isEncrypted(room) ? Optional.of(await(session.roomView(room))) : Optional.empty());
    }

    /** A room of the kind asked for; an encrypted one gets its genesis entry signed by this device. */
    private void create(ChatInput.Create create) throws ExecutionException, TimeoutException, InterruptedException {
        RoomVisibility visibility = create.privateRoom() ? RoomVisibility.PRIVATE : RoomVisibility.PUBLIC;
        gate.joining(create.room());
        try {
            announce(await(create.encrypted() ? session.createEncryptedRoom(create.room(), visibility)
                    : session.createRoom(create.room(), visibility)));
        } finally {
            gate.opened(create.room(), () -> { });
        }
    }

    /**
     * {@code /invite USER}: in an encrypted room the invitation names the keys of USER's devices, so
     * for a verified USER whose devices changed it is refused like a message ({@code /accept} first),
     * with its own code because nothing was to be sent.
     */
    private void invite(String user) throws ExecutionException, TimeoutException, InterruptedException, IOException {
        try {
            await(session.invite(room(), user));
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnacceptedChangesException changed) {
                view.error("UNACCEPTED_CHANGES_INVITE", changed.user());
                return;
            }
            throw e;
        }
        view.done("invite");
    }

    /** Asks for the current password, then the new one twice (or takes both from the line in --json mode). */
    private void passwd(Optional<String> givenCurrent, Optional<String> givenNew)
            throws ExecutionException, TimeoutException, InterruptedException, IOException {
        char[] current = givenCurrent.map(String::toCharArray).or(() -> secretPrompt.apply("passwd.current")).orElse(null);
        if (current == null) {
            view.error("USAGE", "usage: /passwd CURRENT NEW");
            return;
        }
        char[] password = givenNew.map(String::toCharArray).or(() -> secretPrompt.apply("passwd.new")).orElse(new char[0]);
        if (givenNew.isEmpty()) {
            char[] again = secretPrompt.apply("passwd.again").orElse(new char[0]);
            boolean same = Arrays.equals(password, again);
            Arrays.fill(again, '\0');
            if (!same) {
                Arrays.fill(current, '\0');
                Arrays.fill(password, '\0');
                view.error("PASSWORD_MISMATCH", "the passwords do not match; nothing changed");
                return;
            }
        }
        try {
            await(client().changePassword(current, password));
        } finally {
            Arrays.fill(current, '\0');
            Arrays.fill(password, '\0');
        }
        view.done("passwd");
    }

    private String room() throws IOException {
        return currentRoom().orElseThrow(() -> new NoRoomException());
    }

    private <T> T await(CompletableFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Reports a request's failure with its docs/CLI.md error code (package-private for tests). */
    void report(Throwable cause) {
        switch (cause) {
            case RequestFailedException failed -> view.error(failed.code().name(), failed.detail());
            case RequestQueueFullException full -> view.error("QUEUE_FULL", "");
            case WeakPasswordException weak -> view.error("PASSWORD_" + weak.reason().name(), weak.getMessage());
            case UnacceptedChangesException changed -> view.error("UNACCEPTED_CHANGES", changed.user());
            case EndToEndException e2e -> view.error("E2E", String.valueOf(e2e.getMessage()));
            // The client library's request timeout, which ends before this controller's own wait.
            case TimeoutException late -> view.error("TIMEOUT", "no answer from the server in time");
            // Sent while the session reconnects (or after the connection ended).
            case ConnectionFailedException lost -> view.error("CONNECTION_FAILED", String.valueOf(lost.getMessage()));
            // An end-to-end message the session's end caught: kept on the device, sent again at its next start.
            case SendNotConfirmedException kept when kept.keptForNextStart() ->
                    view.error("NOT_CONFIRMED_KEPT", String.valueOf(kept.getMessage()));
            case SendNotConfirmedException unconfirmed -> view.error("NOT_CONFIRMED", String.valueOf(unconfirmed.getMessage()));
            default -> view.error("FAILED", String.valueOf(cause.getMessage()));
        }
    }

    /** No room joined yet, so there is nowhere to send text or apply a room command. */
    private static final class NoRoomException extends IOException {
        private static final long serialVersionUID = 1L;

        NoRoomException() {
            super("no current room: /join a room first");
        }
    }
}
