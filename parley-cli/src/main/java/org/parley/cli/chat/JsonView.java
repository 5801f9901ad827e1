package org.parley.cli.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.client.KeyUpdates;
import org.parley.client.ServerKeyChangedException;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.client.e2ee.E2eEvent;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.e2ee.group.LogStatus;
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
 * The {@code --json} view: one JSON object per event per line, flushed after each line, every
 * object with a {@code type}. The event types and fields are specified in docs/CLI.md; scripts rely
 * on them, so changes there are API changes.
 */
public final class JsonView implements ChatView {
    private final PrintWriter out;
    private final ObjectMapper mapper = new ObjectMapper();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicReference<String> self = new AtomicReference<>("");

    public JsonView(PrintWriter out) {
        this.out = out;
        // Unicode line separators in other users' text stay escaped, so each event is one line for every reader.
        mapper.getFactory().setCharacterEscapes(new JsonLineEscapes());
    }

    @Override
    public void connected(SessionInfo session, boolean firstContact) {
        emit(suiteFields(node("connected"), session).put("firstContact", firstContact));
    }

    @Override
    public void loggedIn(String user, boolean registered) {
        self.set(user);
        emit(node("authenticated").put("user", user).put("registered", registered));
    }

    @Override
    public void joined(ChatEvent.JoinedRoom joined) {
        ObjectNode node = node("joined").put("room", joined.room().name()).put("topic", joined.room().topic())
                .put("encrypted", joined.room().encrypted());
        node.set("members", membersArray(joined.members()));
        emit(node);
    }

    @Override
    public void left(String room) {
        emit(node("left").put("room", room));
    }

    @Override
    public void switched(String room) {
        emit(node("ok").put("command", "join").put("room", room));
    }

    /** Never called: {@code --json} does not reconnect (a script sees {@code disconnected} and exit status 1). */
    @Override
    public void connectionLost(String reason) {
    }

    /** Never called: {@code --json} does not reconnect. */
    @Override
    public void reconnected(List<String> rooms) {
    }

    /** Only after an automatic reconnect, which {@code --json} does not make today (docs/CLI.md lists it all the same). */
    @Override
    public void roomDropped(String room, String code, String detail) {
        emit(node("roomDropped").put("room", room).put("code", code).put("message", detail));
    }

    @Override
    public void loginKeys(List<RegisteredPublicKey> keys) {
        ObjectNode node = node("keys");
        ArrayNode array = node.putArray("keys");
        for (RegisteredPublicKey key : keys) {
            array.addObject().put("algorithm", key.algorithm().label()).put("fingerprint", LoginKeyFingerprints.of(key).toString());
        }
        emit(node);
    }

    @Override
    public void rooms(List<RoomInfo> rooms) {
        ObjectNode node = node("rooms");
        ArrayNode array = node.putArray("rooms");
        for (RoomInfo room : rooms) {
            array.addObject().put("name", room.name()).put("topic", room.topic())
                    .put("visibility", room.visibility().name().toLowerCase(Locale.ROOT)).put("encrypted", room.encrypted())
                    .put("members", room.memberCount()).put("online", room.onlineCount());
        }
        emit(node);
    }

    @Override
    public void members(String room, List<MemberInfo> members) {
        ObjectNode node = node("members").put("room", room);
        node.set("members", membersArray(members));
        emit(node);
    }

    @Override
    public void history(Conversation conversation, List<StoredMessage> oldestFirst, boolean more) {
        ObjectNode summary = node("history").put("count", oldestFirst.size()).put("more", more);
        switch (conversation) {
            case Conversation.InRoom inRoom -> {
                oldestFirst.forEach(m -> emit(message(inRoom.room(), m, true)));
                summary.put("room", inRoom.room());
            }
            case Conversation.WithUser withUser -> {
                String me = self.get();
                oldestFirst.forEach(m -> emit(privateMessage(m.from().equals(me) ? withUser.peer() : me, m, true)));
                summary.put("peer", withUser.peer());
            }
        }
        emit(summary);
    }

    @Override
    public void done(String command) {
        emit(node("ok").put("command", command));
    }

    @Override
    public void suite(SessionInfo session, KeyUpdates keyUpdates) {
        emit(suiteFields(node("suite"), session).put("keyUpdatesSent", keyUpdates.sent())
                .put("keyUpdatesReceived", keyUpdates.received()));
    }

    @Override
    public void fingerprint(SessionInfo session) {
        emit(node("fingerprint").put("algorithm", session.serverKeyAlgorithm().label())
                .put("fingerprint", session.serverFingerprint().toString()));
    }

    @Override
    public void help() {
        ObjectNode node = node("help");
        ArrayNode commands = node.putArray("commands");
        HelpText.COMMANDS.forEach(commands::add);
        emit(node);
    }

    /** An {@code error} {@code SERVER_KEY_CHANGED} with the library's English explanation (docs/CLI.md). */
    @Override
    public void serverKeyChanged(ServerKeyChangedException changed, Path knownServers, Optional<Integer> line) {
        error("SERVER_KEY_CHANGED", changed.getMessage());
    }

    @Override
    public void error(String code, String message) {
        emit(node("error").put("code", code).put("message", message));
    }

    @Override
    public void sendPending(Conversation to) {
        emit(switch (to) {
            case Conversation.InRoom room -> node("pending").put("room", room.room());
            case Conversation.WithUser user -> node("pending").put("user", user.peer());
        });
    }

    @Override
    public void event(ChatEvent.Push event) {
        switch (event) {
            case ChatEvent.RoomMessage m -> emit(message(m.room(), m.message(), m.history()));
            case ChatEvent.PrivateMessage m -> emit(privateMessage(m.to(), m.message(), m.history()));
            case ChatEvent.Presence p -> emit(node("presence").put("room", p.room()).put("user", p.user())
                    .put("change", p.change().name().toLowerCase(Locale.ROOT)).put("count", p.onlineCount()));
            case ChatEvent.TopicChanged t -> emit(node("topic").put("room", t.room()).put("topic", t.topic()).put("by", t.by()));
            case ChatEvent.Invited i -> emit(node("invited").put("room", i.room()).put("by", i.by()));
            case ChatEvent.RemovedFromRoom r -> emit(node("removed").put("room", r.room()).put("by", r.by())
                    .put("how", r.how().name().toLowerCase(Locale.ROOT)).put("reason", r.reason()));
            case ChatEvent.Notice n -> emit(node("notice").put("text", n.text()));
            // End-to-end envelopes and device changes: the client library's end-to-end layer (issue 8).
            case ChatEvent.EnvelopeBatch b -> { }
            case ChatEvent.DeviceChanged d -> { }
            case ChatEvent.RoomLogAppended a -> { }
        }
    }

    @Override
    public void e2e(E2eEvent event) {
        switch (event) {
            case E2eEvent.Message m -> emit(e2eMessage(m.message(), false));
            case E2eEvent.DeviceNotice d -> emit(node("device").put("user", d.user()).put("device", d.deviceId())
                    .put("change", d.kind().name().toLowerCase(Locale.ROOT)).put("blocksSending", d.blocksSending()));
            case E2eEvent.DecryptFailure f -> emit(node("decryptFailed").put("from", f.fromUser()).put("device", f.fromDevice())
                    .put("error", f.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.MessagesMissing m -> emit(node("missing").put("from", m.fromUser()).put("device", m.fromDevice())
                    .put("count", m.count()));
            case E2eEvent.NotEncryptedForThisDevice n -> emit(node("notEncryptedHere").put("from", n.fromUser())
                    .put("device", n.fromDevice()));
            case E2eEvent.FromUnverifiedDevice u -> emit(node("fromUnverifiedDevice").put("from", u.fromUser())
                    .put("device", u.fromDevice()));
            case E2eEvent.BundleRefused b -> emit(node("bundleRefused").put("user", b.user()).put("device", b.deviceId())
                    .put("error", b.error().name().toLowerCase(Locale.ROOT)));
            case E2eEvent.SendSettled s -> emit(node("sendSettled").put("peer", s.message().peer())
                    .put("outcome", s.outcome().name().toLowerCase(Locale.ROOT)).put("detail", s.detail())
                    .set("message", e2eMessage(s.message(), false)));
            case E2eEvent.RoomSendSettled s -> emit(node("roomSendSettled").put("room", s.message().room())
                    .put("outcome", s.outcome().name().toLowerCase(Locale.ROOT)).put("detail", s.detail())
                    .set("message", roomE2eMessage(s.message(), false)));
            case E2eEvent.RoomTextSettled s -> emit(node("roomTextSettled").put("room", s.room())
                    .put("outcome", s.outcome().name().toLowerCase(Locale.ROOT)).put("detail", s.detail())
                    .put("id", s.serverId()).put("text", s.text()));
            case E2eEvent.OutboxEntryUnreadable u -> emit(node("outboxUnreadable").put("file", u.file())
                    .put("reason", u.reason().name().toLowerCase(Locale.ROOT)));
        }
    }

    @Override
    public void e2eHistory(String peer, List<E2eMessage> oldestFirst) {
        oldestFirst.forEach(m -> emit(e2eMessage(m, true)));
        emit(node("history").put("count", oldestFirst.size()).put("more", false).put("peer", peer).put("e2e", true));
    }

    @Override
    public void safetyNumber(String user, SafetyNumber number, boolean verified) {
        emit(node("safetyNumber").put("user", user).put("digits", number.digits()).put("grouped", number.grouped())
                .put("qrPayload", number.qrPayload().toHex()).put("verified", verified));
    }

    @Override
    public void room(RoomEvent event) {
        switch (event) {
            case RoomEvent.Message m -> emit(roomE2eMessage(m.message(), false));
            case RoomEvent.Notice n -> emit(node("roomNotice").put("room", n.room()).put("kind", n.kind().name().toLowerCase(Locale.ROOT))
                    .put("user", n.user()).put("device", n.deviceId()).put("detail", n.detail()));
            case RoomEvent.Problem p -> emit(node("roomProblem").put("room", p.room())
                    .put("error", p.error().name().toLowerCase(Locale.ROOT)).put("detail", p.detail()));
        }
    }

    @Override
    public void roomHistory(String room, List<E2eRoomMessage> oldestFirst) {
        oldestFirst.forEach(m -> emit(roomE2eMessage(m, true)));
        emit(node("history").put("room", room).put("count", oldestFirst.size()).put("more", false).put("e2e", true));
    }

    @Override
    public void roomSecurity(String room, Optional<RoomSecurityView> view) {
        ObjectNode node = node("roomSecurity").put("room", room).put("encrypted", view.isPresent());
        if (view.isPresent()) {
            RoomSecurityView v = view.get();
            node.put("forwardSecrecyPerMessage", v.forwardSecrecyPerMessage())
                    .put("postCompromiseOnlyAfterRekey", v.postCompromiseOnlyAfterRekey());
            v.ownEpoch().ifPresentOrElse(epoch -> node.put("epoch", epoch), () -> node.putNull("epoch"));
            node.put("messagesInChain", v.ownMessagesInChain()).put("messagesUntilRekey", v.messagesUntilRekey())
                    .put("rekeyDue", v.rekeyDue()).put("senderChains", v.senderChains());
            switch (v.log()) {
                case LogStatus.Verified verified -> node.put("log", "verified").put("logEntries", verified.entries())
                        .put("logHead", verified.head().toHex());
                case LogStatus.Problem problem -> node.put("log", "problem").put("logEntries", problem.entries())
                        .put("logError", problem.error().name().toLowerCase(Locale.ROOT));
            }
        }
        emit(node);
    }

    @Override
    public void devices(List<DeviceInfo> devices, long thisDevice, java.util.Set<Long> pending) {
        ObjectNode node = node("devices");
        ArrayNode array = node.putArray("devices");
        for (DeviceInfo device : devices) {
            array.addObject().put("id", device.deviceId()).put("name", device.name()).put("added", device.addedAtMillis())
                    .put("lastSeen", device.lastSeenMillis()).put("current", device.deviceId() == thisDevice)
                    .put("accepted", !pending.contains(device.deviceId()));
        }
        emit(node);
    }

    /** Prints {@code disconnected}, once; nothing is printed after it. */
    @Override
    public void disconnected(String reason) {
        synchronized (out) {
            emit(node("disconnected").put("reason", reason));
            ended.set(true);
        }
    }

    /** A room message of a plain room: {@code "e2e": false}. */
    private ObjectNode message(String room, StoredMessage m, boolean history) {
        return body(node("message").put("room", room).put("from", m.from()), m).put("history", history).put("e2e", false);
    }

    /** A message of an end-to-end encrypted room, as kept on this device: {@code "e2e": true}. */
    private ObjectNode roomE2eMessage(E2eRoomMessage m, boolean history) {
        return node("message").put("room", m.room()).put("from", m.fromUser()).put("text", m.text()).put("messageId", m.messageId())
                .put("id", m.serverId()).put("ts", m.sentAt().toEpochMilli()).put("history", history).put("e2e", true)
                .put("fromDevice", m.fromDevice()).put("epoch", m.epoch()).put("fromUnverifiedDevice", m.fromUnverifiedDevice());
    }


    /** A private message of the old, server-readable kind: {@code "e2e": false}. */
    private ObjectNode privateMessage(String to, StoredMessage m, boolean history) {
        return body(node("private").put("from", m.from()).put("to", to), m).put("history", history).put("e2e", false);
    }

    private ObjectNode e2eMessage(E2eMessage m, boolean history) {
        return node("private").put("from", m.fromUser()).put("to", m.outgoing() ? m.peer() : self.get())
                .put("text", m.text()).put("messageId", m.messageId()).put("ts", m.sentAt().toEpochMilli())
                .put("history", history).put("e2e", true).put("e2eSuite", m.suite().label())
                .put("fromDevice", m.fromDevice()).put("fromUnverifiedDevice", m.fromUnverifiedDevice());
    }

    private static ObjectNode body(ObjectNode node, StoredMessage m) {
        if (m.contentType() == ContentType.TEXT) {
            node.put("text", new String(m.body().toByteArray(), StandardCharsets.UTF_8));
        } else {
            node.put("contentType", m.contentType().name().toLowerCase(Locale.ROOT))
                    .put("body", Base64.getEncoder().encodeToString(m.body().toByteArray()));
        }
        return node.put("id", m.id()).put("ts", m.timestampMillis());
    }

    private ArrayNode membersArray(List<MemberInfo> members) {
        ArrayNode array = mapper.createArrayNode();
        for (MemberInfo member : members) {
            array.addObject().put("user", member.user()).put("role", member.role().name().toLowerCase(Locale.ROOT))
                    .put("sessions", member.sessions());
        }
        return array;
    }

    private static ObjectNode suiteFields(ObjectNode node, SessionInfo session) {
        var suite = session.suite();
        return node.put("suite", suite.canonicalName()).put("fingerprint", session.serverFingerprint().toString())
                .put("securityBits", suite.securityBits()).put("forwardSecret", suite.forwardSecret())
                .put("postQuantum", suite.postQuantumConfidentiality())
                .put("postQuantumAuthentication", suite.postQuantumAuthentication());
    }

    private ObjectNode node(String type) {
        return mapper.createObjectNode().put("type", type);
    }

    private void emit(ObjectNode node) {
        String line;
        try {
            line = mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
        synchronized (out) {
            if (ended.get()) {
                // disconnected is the last event: anything later is dropped.
                return;
            }
            out.println(line);
            out.flush();
        }
    }
}
