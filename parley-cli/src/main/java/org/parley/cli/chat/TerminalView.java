package org.parley.cli.chat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;
import org.parley.cli.Messages;
import org.parley.client.KeyUpdates;
import org.parley.client.Mentions;
import org.parley.client.ServerKeyChangedException;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.SendOutcome;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.e2ee.group.RoomSecurityView;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.protocol.channel.SessionInfo;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.StoredMessage;

/**
 * The interactive view: translated text, colours for own (green), others' (yellow name) and
 * private (magenta) messages, mentions of the user ({@code @name}) in reverse video, history dimmed, errors red. Lines are printed above the prompt.
 */
public final class TerminalView implements ChatView {
    /** Errors whose message is the name of the user they are about, and the text that names them. */
    private static final java.util.Map<String, String> ABOUT_A_USER = java.util.Map.of(
            "UNACCEPTED_CHANGES", "e2e.unaccepted",
            "UNACCEPTED_CHANGES_INVITE", "e2e.unacceptedInvite",
            "SAFETY_NUMBER_CHANGED", "e2e.safety.changed",
            "NOT_COMPARED", "e2e.safety.notCompared");

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneId.systemDefault());
    private static final AttributedStyle INFO = AttributedStyle.DEFAULT.foreground(AttributedStyle.CYAN);
    private static final AttributedStyle ERROR = AttributedStyle.BOLD.foreground(AttributedStyle.RED);
    private static final AttributedStyle OWN = AttributedStyle.BOLD.foreground(AttributedStyle.GREEN);
    private static final AttributedStyle OTHER = AttributedStyle.BOLD.foreground(AttributedStyle.YELLOW);
    private static final AttributedStyle MENTION = AttributedStyle.BOLD.inverse();
    private static final AttributedStyle NOTICE = AttributedStyle.BOLD.foreground(AttributedStyle.MAGENTA);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneId.systemDefault());
    private static final AttributedStyle PRIVATE = AttributedStyle.DEFAULT.foreground(AttributedStyle.MAGENTA);

    private final Consumer<AttributedString> printer;
    private final Messages text;
    private final AtomicReference<String> self = new AtomicReference<>("");
    private final AtomicBoolean ended = new AtomicBoolean();

    /** @param printer prints one line above the prompt (LineReader.printAbove) */
    public TerminalView(Consumer<AttributedString> printer, Messages text) {
        this.printer = printer;
        this.text = text;
    }

    @Override
    public void connected(SessionInfo session, boolean firstContact) {
        printSuite(session);
        fingerprint(session);
        if (firstContact) {
            info(text.get("connect.firstContact"));
        }
    }

    @Override
    public void loggedIn(String user, boolean registered) {
        self.set(user);
        info(text.get(registered ? "login.registered" : "login.loggedIn", user));
    }

    @Override
    public void joined(ChatEvent.JoinedRoom joined) {
        RoomInfo room = joined.room();
        info(text.get("room.joined", room.name(), joined.members().size(), room.topic()));
        info(text.get(room.encrypted() ? "room.e2e.on" : "room.e2e.off", room.name()));
    }

    @Override
    public void left(String room) {
        info(text.get("room.left", room));
    }

    @Override
    public void switched(String room) {
        info(text.get("room.switched", room));
    }

    @Override
    public void connectionLost(String reason) {
        printer.accept(new AttributedString(TerminalText.safe(text.get("connection.lost", reason)), ERROR));
    }

    @Override
    public void reconnected(List<String> rooms) {
        info(text.get("connection.back", String.join(", ", rooms)));
    }

    @Override
    public void sendPending(Conversation to) {
        info(text.get("send.pending", switch (to) {
            case Conversation.InRoom room -> room.room();
            case Conversation.WithUser user -> user.peer();
        }));
    }

    /** The room, and the refusal's reason as {@link #error} words it. */
    @Override
    public void roomDropped(String room, String code, String detail) {
        String key = "error." + code;
        String reason = text.has(key) ? text.get(key) : text.get("error.generic", code, detail);
        printer.accept(new AttributedString(TerminalText.safe(text.get("room.dropped", room, reason)), ERROR));
    }

    @Override
    public void loginKeys(List<RegisteredPublicKey> keys) {
        info(text.get("keys.header", keys.size()));
        for (RegisteredPublicKey key : keys) {
            info("  " + key.algorithm().label() + "  " + LoginKeyFingerprints.of(key));
        }
    }

    @Override
    public void rooms(List<RoomInfo> rooms) {
        info(text.get("room.list.header"));
        for (RoomInfo room : rooms) {
            info(text.get("room.list.entry", room.name(), room.visibility().name().toLowerCase(Locale.ROOT)
                            + (room.encrypted() ? ", 🔒 " + text.get("room.e2e.short") : ""),
                    room.memberCount(), room.onlineCount(), room.topic()));
        }
    }

    @Override
    public void members(String room, List<MemberInfo> members) {
        info(room.isEmpty() ? text.get("members.online") : text.get("members.room", room));
        for (MemberInfo member : members) {
            info(text.get("members.entry", member.user(), member.role().name().toLowerCase(Locale.ROOT), member.sessions()));
        }
    }

    @Override
    public void history(Conversation conversation, List<StoredMessage> oldestFirst, boolean more) {
        String name = switch (conversation) {
            case Conversation.InRoom inRoom -> inRoom.room();
            case Conversation.WithUser withUser -> "@" + withUser.peer();
        };
        info(text.get("history.header", name, oldestFirst.size()));
        for (StoredMessage message : oldestFirst) {
            switch (conversation) {
                case Conversation.InRoom inRoom -> roomLine(inRoom.room(), message, true);
                case Conversation.WithUser withUser ->
                        privateLine(message.from().equals(self.get()) ? withUser.peer() : self.get(), message, true);
            }
        }
        if (more) {
            info(text.get("history.more"));
        }
    }

    @Override
    public void done(String command) {
        info(text.get("done." + command));
    }

    @Override
    public void suite(SessionInfo session, KeyUpdates keyUpdates) {
        printSuite(session);
        info(text.get("connect.keyUpdates", keyUpdates.sent(), keyUpdates.received()));
    }

    private void printSuite(SessionInfo session) {
        var suite = session.suite();
        info(text.get("connect.suite", suite.canonicalName()));
        info(text.get("connect.labels", suite.securityBits(), yesNo(suite.forwardSecret()),
                yesNo(suite.postQuantumConfidentiality()), yesNo(suite.postQuantumAuthentication())));
    }

    @Override
    public void fingerprint(SessionInfo session) {
        info(text.get("connect.fingerprint", session.serverKeyAlgorithm().label(), session.serverFingerprint()));
    }

    @Override
    public void help() {
        info(text.get("help.header"));
        for (String entry : HelpText.COMMANDS) {
            info(String.format(Locale.ROOT, "  %-32s %s", entry, text.get("help." + HelpText.word(entry))));
        }
    }

    /** The warning as real lines, in the chosen language, naming the known-servers file and line. */
    @Override
    public void serverKeyChanged(ServerKeyChangedException changed, Path knownServers, Optional<Integer> line) {
        String server = changed.server();
        List<String> lines = List.of(
                text.get("keyChanged.title", server),
                text.get("keyChanged.pinned", changed.pinned()),
                text.get("keyChanged.offered", changed.offered()),
                text.get("keyChanged.risk"),
                line.map(number -> text.get("keyChanged.fixLine", knownServers.toString(), String.valueOf(number), server))
                        .orElseGet(() -> text.get("keyChanged.fix", knownServers.toString(), server)));
        for (String shown : lines) {
            printer.accept(new AttributedString(TerminalText.safe(shown), ERROR));
        }
    }

    @Override
    public void error(String code, String message) {
        String key = "error." + code;
        String aboutUser = ABOUT_A_USER.get(code);
        String line = aboutUser != null ? text.get(aboutUser, message)
                : text.has(key) ? text.get(key) + (message.isEmpty() ? "" : " (" + message + ")")
                : text.get("error.generic", code, message);
        printer.accept(new AttributedString(TerminalText.safe(line), ERROR));
    }

    @Override
    public void event(ChatEvent.Push event) {
        switch (event) {
            case ChatEvent.RoomMessage m -> roomLine(m.room(), m.message(), m.history());
            case ChatEvent.PrivateMessage m -> privateLine(m.to(), m.message(), m.history());
            case ChatEvent.Presence p -> info(switch (p.change()) {
                case ONLINE -> text.get("presence.online", p.user(), p.onlineCount());
                case OFFLINE -> text.get("presence.offline", p.user(), p.onlineCount());
                case JOINED -> text.get("presence.joined", p.user(), p.room(), p.onlineCount());
                case LEFT -> text.get("presence.left", p.user(), p.room(), p.onlineCount());
                case KICKED -> text.get("presence.kicked", p.user(), p.room());
                case BANNED -> text.get("presence.banned", p.user(), p.room());
            });
            case ChatEvent.TopicChanged t -> info(text.get("topic.changed", t.room(), t.topic(), t.by()));
            case ChatEvent.Invited i -> info(text.get("invited", i.room(), i.by()));
            case ChatEvent.RemovedFromRoom r -> info(switch (r.how()) {
                case KICKED -> text.get("removed.kicked", r.room(), r.by(), r.reason());
                case BANNED -> text.get("removed.banned", r.room(), r.by(), r.reason());
                case LEFT -> text.get("removed.left", r.room());
                case JOINED, ONLINE, OFFLINE -> text.get("removed.other", r.room(), r.by(), r.reason());
            });
            case ChatEvent.Notice n -> info(text.get("notice", n.text()));
            // End-to-end envelopes and device changes: the client library's end-to-end layer (issue 8).
            case ChatEvent.EnvelopeBatch b -> { }
            case ChatEvent.DeviceChanged d -> { }
            case ChatEvent.RoomLogAppended a -> { }
        }
    }

    @Override
    public void e2e(E2eEvent event) {
        switch (event) {
            case E2eEvent.Message m -> e2eLine(m.message(), false);
            case E2eEvent.DeviceNotice d -> notice(text.get("e2e.device." + d.kind().name(), d.user(), d.deviceId())
                    + (d.blocksSending() ? " " + text.get("e2e.blocked", d.user()) : ""));
            case E2eEvent.DecryptFailure f -> notice(text.get("e2e.decryptFailed", f.fromUser(), f.fromDevice(),
                    f.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.MessagesMissing m -> notice(text.get("e2e.missing", m.count(), m.fromUser(), m.fromDevice()));
            case E2eEvent.NotEncryptedForThisDevice n -> notice(text.get("e2e.notEncryptedHere", n.fromUser(), n.fromDevice()));
            case E2eEvent.FromUnverifiedDevice u -> notice(text.get("e2e.fromUnverified", u.fromUser(), u.fromDevice()));
            case E2eEvent.BundleRefused b -> notice(text.get("e2e.bundleRefused", b.user(), b.deviceId(),
                    b.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.SendSettled s -> {
                notice(text.get("e2e.settled." + s.outcome().name(), s.message().peer(), s.detail(), s.message().text()));
                if (s.outcome() == SendOutcome.SENT) {
                    e2eLine(s.message(), false);
                }
            }
            case E2eEvent.RoomSendSettled s -> {
                notice(text.get("e2e.roomSettled." + s.outcome().name(), s.message().room(), s.detail(), s.message().text()));
                if (s.outcome() == SendOutcome.SENT) {
                    roomE2eLine(s.message(), false);
                }
            }
            // A plaintext-room message: the notice's style without the lock, which would say "encrypted".
            case E2eEvent.RoomTextSettled s -> printer.accept(new AttributedString(TerminalText.safe(text.get("e2e.roomTextSettled." + s.outcome().name(), s.room(),
                    s.detail(), s.text(), String.valueOf(s.serverId()))), NOTICE));
            case E2eEvent.OutboxEntryUnreadable u -> notice(text.get("e2e.outboxUnreadable", u.file(),
                    u.reason().name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void e2eHistory(String peer, List<E2eMessage> oldestFirst) {
        info(text.get("e2e.history.header", peer, oldestFirst.size()));
        oldestFirst.forEach(m -> {
            if (m.fromUnverifiedDevice()) {
                // The history keeps what the live notice said before this message (docs/E2EE.md §20.5).
                notice(text.get("e2e.fromUnverified", m.fromUser(), m.fromDevice()));
            }
            e2eLine(m, true);
        });
    }

    @Override
    public void safetyNumber(String user, SafetyNumber number, boolean verified) {
        info(text.get("e2e.safety.header", user));
        String[] groups = number.grouped().split(" ");
        for (int row = 0; row < groups.length; row += 4) {
            info("    " + String.join("  ", java.util.Arrays.copyOfRange(groups, row, Math.min(row + 4, groups.length))));
        }
        info(text.get("e2e.safety.explain", user));
        info(text.get(verified ? "e2e.safety.verified" : "e2e.safety.howToMark", user));
    }

    @Override
    public void room(RoomEvent event) {
        switch (event) {
            case RoomEvent.Message m -> roomE2eLine(m.message(), false);
            case RoomEvent.Notice n -> notice(RoomNoticeText.notice(text, n));
            case RoomEvent.Problem p -> printer.accept(new AttributedString(TerminalText.safe("🔒 " + RoomNoticeText.problem(text, p)), ERROR));
        }
    }

    @Override
    public void roomHistory(String room, List<E2eRoomMessage> oldestFirst) {
        info(text.get("room.history.header", room, oldestFirst.size()));
        oldestFirst.forEach(m -> {
            if (m.fromUnverifiedDevice()) {
                notice(RoomNoticeText.notice(text, new RoomEvent.Notice(room, RoomNoticeKind.FROM_UNVERIFIED_DEVICE,
                        m.fromUser(), m.fromDevice(), "")));
            }
            roomE2eLine(m, true);
        });
    }

    @Override
    public void roomSecurity(String room, Optional<RoomSecurityView> view) {
        RoomSecurityText.lines(text, room, view).forEach(this::info);
    }

    @Override
    public void devices(List<DeviceInfo> devices, long thisDevice, java.util.Set<Long> pending) {
        info(text.get("e2e.devices.header", devices.size()));
        for (DeviceInfo device : devices) {
            info(text.get("e2e.devices.entry", device.deviceId(), device.name(), DAY.format(Instant.ofEpochMilli(device.addedAtMillis())),
                    DAY.format(Instant.ofEpochMilli(device.lastSeenMillis())))
                    + (device.deviceId() == thisDevice ? " " + text.get("e2e.devices.this") : "")
                    + (pending.contains(device.deviceId()) ? " " + text.get("e2e.devices.pending") : ""));
        }
        info(text.get("e2e.devices.hint"));
    }

    @Override
    public void disconnected(String reason) {
        if (ended.compareAndSet(false, true)) {
            printer.accept(new AttributedString(TerminalText.safe(text.get("disconnected", reason)), ERROR));
        }
    }

    private void roomLine(String room, StoredMessage message, boolean history) {
        boolean own = message.from().equals(self.get());
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.style(dim(AttributedStyle.DEFAULT, history)).append(TIME.format(Instant.ofEpochMilli(message.timestampMillis())))
                .append(" #").append(TerminalText.safe(room)).append(' ');
        line.style(dim(own ? OWN : OTHER, history)).append('<').append(TerminalText.safe(message.from())).append('>');
        line.style(dim(AttributedStyle.DEFAULT, history)).append(' ');
        appendBody(line, body(message), dim(AttributedStyle.DEFAULT, history));
        printer.accept(line.toAttributedString());
    }

    /** A message of an end-to-end encrypted room: the lock marks it, as for private messages. */
    private void roomE2eLine(E2eRoomMessage message, boolean history) {
        boolean own = message.fromUser().equals(self.get());
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.style(dim(AttributedStyle.DEFAULT, history)).append(TIME.format(message.sentAt()))
                .append(" 🔒#").append(TerminalText.safe(message.room())).append(' ');
        line.style(dim(own ? OWN : OTHER, history)).append('<').append(TerminalText.safe(message.fromUser())).append('>');
        line.style(dim(AttributedStyle.DEFAULT, history)).append(' ');
        appendBody(line, TerminalText.safe(message.text()), dim(AttributedStyle.DEFAULT, history));
        printer.accept(line.toAttributedString());
    }

    /** A private message of the old, server-readable kind (history from before end-to-end encryption). */
    private void privateLine(String to, StoredMessage message, boolean history) {
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.style(dim(PRIVATE, history)).append(TIME.format(Instant.ofEpochMilli(message.timestampMillis())))
                .append(" [").append(text.get("private.label")).append(", ").append(text.get("e2e.notE2e")).append("] ")
                .append(TerminalText.safe(message.from())).append(" → ").append(TerminalText.safe(to)).append(": ");
        appendBody(line, body(message), dim(PRIVATE, history));
        printer.accept(line.toAttributedString());
    }

    /** The text with every {@code @name} of this user in reverse video, so a mention stands out. */
    private void appendBody(AttributedStringBuilder line, String body, AttributedStyle style) {
        int at = 0;
        for (Mentions.Span span : Mentions.find(body, self.get())) {
            line.style(style).append(body, at, span.start());
            line.style(MENTION).append(body, span.start(), span.end());
            at = span.end();
        }
        line.style(style).append(body.substring(at));
    }

    /** An end-to-end private message: the lock marks it. */
    private void e2eLine(E2eMessage message, boolean history) {
        String from = message.fromUser();
        String to = message.outgoing() ? message.peer() : self.get();
        AttributedStringBuilder line = new AttributedStringBuilder();
        line.style(dim(PRIVATE, history)).append(TIME.format(message.sentAt()))
                .append(" 🔒[").append(text.get("private.label")).append("] ")
                .append(TerminalText.safe(from)).append(" → ").append(TerminalText.safe(to)).append(": ");
        appendBody(line, TerminalText.safe(message.text()), dim(PRIVATE, history));
        printer.accept(line.toAttributedString());
    }

    private void notice(String line) {
        printer.accept(new AttributedString(TerminalText.safe("🔒 " + line), NOTICE));
    }

    private static AttributedStyle dim(AttributedStyle style, boolean history) {
        return history ? style.faint() : style;
    }

    private static String body(StoredMessage message) {
        return message.contentType() == ContentType.TEXT
                ? TerminalText.safe(new String(message.body().toByteArray(), StandardCharsets.UTF_8))
                : "[" + message.contentType().name().toLowerCase(Locale.ROOT) + ", " + message.body().length() + " bytes]";
    }

    private void info(String line) {
        printer.accept(new AttributedString(TerminalText.safe(line), INFO));
    }

    private String yesNo(boolean value) {
        return text.get(value ? "label.yes" : "label.no");
    }
}
