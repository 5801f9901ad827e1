package org.parley.protocol.chat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The "fields" of a chat vector (docs/test-vectors/CHAT_messages.json): a message's fields in wire
 * order, named as docs/PROTOCOL.md section 14 spells them. Integers are numbers, utf8 fields
 * strings, opaque fields hex, enum fields the doc's name of the code, a field behind a presence
 * byte ({@code has_*}, {@code found}) null when absent, a Body {@code {content_type, body}} (body a
 * string for text, hex for opaque), a Conversation {@code {"room": ..}} or {@code {"peer": ..}}.
 * The switches have no default, so a new message does not compile until it has a form here.
 */
final class ChatVectorFields {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private ChatVectorFields() {
    }

    static ObjectNode of(ChatRequest request) {
        ObjectNode o = NODES.objectNode().put("request_id", request.requestId());
        switch (request) {
            case ChatRequest.JoinRoom r -> o.put("room", r.room());
            case ChatRequest.LeaveRoom r -> o.put("room", r.room());
            case ChatRequest.CreateRoom r -> o.put("room", r.room()).put("visibility", name(r.visibility()));
            case ChatRequest.ListRooms r -> { }
            case ChatRequest.ListMembers r -> o.put("room", r.room().orElse(null));
            case ChatRequest.SetTopic r -> o.put("room", r.room()).put("topic", r.topic());
            case ChatRequest.Invite r -> o.put("room", r.room()).put("user", r.user());
            case ChatRequest.Uninvite r -> o.put("room", r.room()).put("user", r.user());
            case ChatRequest.Kick r -> o.put("room", r.room()).put("user", r.user()).put("reason", r.reason());
            case ChatRequest.Ban r -> o.put("room", r.room()).put("user", r.user())
                    .put("duration_seconds", r.durationSeconds()).put("reason", r.reason());
            case ChatRequest.Unban r -> o.put("room", r.room()).put("user", r.user());
            case ChatRequest.SetRole r -> o.put("room", r.room()).put("user", r.user()).put("role", name(r.role()));
            case ChatRequest.SendRoomMessage r -> {
                r.sendId().ifPresent(id -> o.put("send_id", id.value().toHex()));
                o.put("room", r.room()).set("body", body(r.contentType(), r.body()));
            }
            case ChatRequest.SendPrivateMessage r -> o.put("to_user", r.toUser()).set("body", body(r.contentType(), r.body()));
            case ChatRequest.FetchHistory r -> {
                o.set("conversation", conversation(r.conversation()));
                o.put("before_id", r.beforeId()).put("limit", r.limit());
            }
            case ChatRequest.ChangePassword r -> o.put("current_proof", r.currentProof().toHex())
                    .set("new_verifier", verifier(r.newVerifier()));
            case ChatRequest.AddLoginKey r -> loginKey(o, r.algorithm(), r.publicKey());
            case ChatRequest.RemoveLoginKey r -> loginKey(o, r.algorithm(), r.publicKey());
            case ChatRequest.ListLoginKeys r -> { }
            case ChatRequest.Ping r -> { }
            case ChatRequest.GetPasswordParams r -> { }
            case ChatRequest.SetDeliveryOptions r -> o.put("flags", r.flags());
            case ChatRequest.AddDevice r -> o.put("identity", r.identity().toHex()).put("name", r.name())
                    .put("signed_prekey", r.signedPrekey().toHex()).put("last_resort", r.lastResortPrekey().toHex())
                    .put("proof", r.proof().toHex());
            case ChatRequest.BindDevice r -> o.put("device_id", r.deviceId()).put("proof", r.proof().toHex());
            case ChatRequest.ListDevices r -> o.put("user", r.user());
            case ChatRequest.ListDevicesMany r -> o.set("users", strings(r.users()));
            case ChatRequest.RemoveDevice r -> o.put("device_id", r.deviceId());
            case ChatRequest.UploadPrekeys r -> {
                o.put("signed_prekey", hexOrNull(r.signedPrekey()));
                o.set("one_time_x25519", list(r.oneTimeX25519(), b -> NODES.textNode(b.toHex())));
                o.set("one_time_kem", list(r.oneTimeKem(), b -> NODES.textNode(b.toHex())));
                o.put("last_resort", hexOrNull(r.lastResortPrekey()));
            }
            case ChatRequest.CountPrekeys r -> { }
            case ChatRequest.FetchBundles r -> o.put("user", r.user());
            case ChatRequest.FetchBundlesMany r -> o.set("users", strings(r.users()));
            case ChatRequest.SendEnvelopes r -> {
                r.sendId().ifPresent(id -> o.put("send_id", id.value().toHex()));
                o.put("peer", r.peer()).set("envelopes", list(r.envelopes(), ChatVectorFields::target));
            }
            case ChatRequest.FetchEnvelopes r -> o.put("after_id", r.afterId());
            case ChatRequest.AckEnvelopes r -> o.set("ids", list(r.envelopeIds(), NODES::numberNode));
            case ChatRequest.CreateEncryptedRoom r -> o.put("room", r.room()).put("visibility", name(r.visibility()))
                    .put("genesis", r.genesis().toHex());
            case ChatRequest.AppendRoomLog r -> o.put("room", r.room()).put("entry", r.entry().toHex());
            case ChatRequest.FetchRoomLog r -> o.put("room", r.room()).put("from_seq", r.fromSeq());
            case ChatRequest.SendRoomKeys r -> o.put("room", r.room())
                    .set("envelopes", list(r.envelopes(), ChatVectorFields::target));
        }
        return o;
    }

    static ObjectNode of(ChatEvent event) {
        ObjectNode o = NODES.objectNode();
        if (event instanceof ChatEvent.Answer answer) {
            o.put("request_id", answer.requestId());
        }
        switch (event) {
            case ChatEvent.Accepted e -> o.put("message_id", e.messageId());
            case ChatEvent.Rejected e -> o.put("code", name(e.code())).put("detail", e.detail());
            case ChatEvent.JoinedRoom e -> {
                o.set("room", roomInfo(e.room()));
                o.set("members", list(e.members(), ChatVectorFields::member));
            }
            case ChatEvent.RoomList e -> o.set("rooms", list(e.rooms(), ChatVectorFields::roomInfo));
            case ChatEvent.MemberList e -> o.put("room", e.room()).set("members", list(e.members(), ChatVectorFields::member));
            case ChatEvent.HistoryPage e -> {
                o.set("conversation", conversation(e.conversation()));
                o.set("messages", list(e.messages(), ChatVectorFields::stored));
                o.put("more", e.more());
            }
            case ChatEvent.RoomMessage e -> {
                o.put("room", e.room()).set("message", stored(e.message()));
                o.put("history", e.history());
            }
            case ChatEvent.PrivateMessage e -> {
                o.put("to", e.to()).set("message", stored(e.message()));
                o.put("history", e.history());
            }
            case ChatEvent.Presence e -> o.put("room", e.room()).put("user", e.user()).put("change", name(e.change()))
                    .put("online_count", e.onlineCount());
            case ChatEvent.TopicChanged e -> o.put("room", e.room()).put("topic", e.topic()).put("by", e.by());
            case ChatEvent.Invited e -> o.put("room", e.room()).put("by", e.by());
            case ChatEvent.RemovedFromRoom e -> o.put("room", e.room()).put("by", e.by()).put("how", name(e.how()))
                    .put("reason", e.reason());
            case ChatEvent.Notice e -> o.put("text", e.text());
            case ChatEvent.LoginKeyList e -> o.set("keys", list(e.keys(), ChatVectorFields::registeredKey));
            case ChatEvent.PasswordParams e -> o.put("mechanism", name(e.mechanism())).put("salt", e.salt().toHex())
                    .put("iterations", e.iterations());
            case ChatEvent.DeviceList e -> o.put("user", e.user()).set("devices", list(e.devices(), ChatVectorFields::device));
            case ChatEvent.PrekeyCounts e -> o.put("one_time_x25519", e.oneTimeX25519()).put("one_time_kem", e.oneTimeKem());
            case ChatEvent.BundleList e -> o.put("user", e.user()).set("bundles", list(e.bundles(), ChatVectorFields::bundle));
            case ChatEvent.DeviceLists e -> o.set("lists", list(e.lists(), ChatVectorFields::userDevices));
            case ChatEvent.BundleLists e -> o.set("lists", list(e.lists(), ChatVectorFields::userBundles));
            case ChatEvent.DeviceMismatch e -> {
                o.put("peer", e.peer());
                o.set("peer_devices", list(e.peerDevices(), NODES::numberNode));
                o.set("own_devices", list(e.ownDevices(), NODES::numberNode));
            }
            case ChatEvent.EnvelopePage e -> {
                o.set("envelopes", list(e.envelopes(), ChatVectorFields::queued));
                o.put("more", e.more());
            }
            case ChatEvent.EnvelopeBatch e -> {
                o.set("envelopes", list(e.envelopes(), ChatVectorFields::queued));
                o.put("more", e.more());
            }
            case ChatEvent.DeviceChanged e -> o.put("user", e.user()).put("device_id", e.deviceId())
                    .put("change", name(e.change()));
            case ChatEvent.RoomLogPage e -> {
                o.put("room", e.room()).put("from_seq", e.fromSeq());
                o.set("entries", list(e.entries(), b -> NODES.textNode(b.toHex())));
                o.put("more", e.more());
            }
            case ChatEvent.RoomLogAppended e -> o.put("room", e.room()).put("seq", e.seq()).put("entry", e.entry().toHex());
        }
        return o;
    }

    /** The doc's name of an enum constant: the Java constant in lower case (PROTOCOL.md 14.4). */
    private static String name(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    private static ObjectNode body(ContentType type, Bytes body) {
        ObjectNode o = NODES.objectNode().put("content_type", name(type));
        return switch (type) {
            case TEXT -> o.put("body", strictUtf8(body));
            case OPAQUE -> o.put("body", body.toHex());
        };
    }

    private static String strictUtf8(Bytes text) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(text.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException("a text vector must be valid UTF-8", e);
        }
    }

    private static ObjectNode conversation(Conversation conversation) {
        return switch (conversation) {
            case Conversation.InRoom c -> NODES.objectNode().put("room", c.room());
            case Conversation.WithUser c -> NODES.objectNode().put("peer", c.peer());
        };
    }

    private static ObjectNode verifier(ScramVerifier v) {
        return NODES.objectNode().put("mechanism", name(v.mechanism())).put("salt", v.salt().toHex())
                .put("iterations", v.iterations()).put("stored_key", v.storedKey().toHex())
                .put("server_key", v.serverKey().toHex());
    }

    private static void loginKey(ObjectNode o, SignatureComponent algorithm, Bytes publicKey) {
        o.put("algorithm", algorithm.label()).put("public_key", publicKey.toHex());
    }

    private static ObjectNode registeredKey(RegisteredPublicKey key) {
        ObjectNode o = NODES.objectNode();
        loginKey(o, key.algorithm(), key.publicKey());
        return o;
    }

    private static ObjectNode stored(StoredMessage m) {
        ObjectNode o = NODES.objectNode().put("id", m.id()).put("timestamp_ms", m.timestampMillis()).put("from", m.from());
        o.set("body", body(m.contentType(), m.body()));
        return o;
    }

    private static ObjectNode roomInfo(RoomInfo r) {
        return NODES.objectNode().put("name", r.name()).put("topic", r.topic()).put("visibility", name(r.visibility()))
                .put("encrypted", r.encrypted()).put("member_count", r.memberCount()).put("online_count", r.onlineCount());
    }

    private static ObjectNode member(MemberInfo m) {
        return NODES.objectNode().put("user", m.user()).put("role", name(m.role())).put("sessions", m.sessions());
    }

    private static ObjectNode device(DeviceInfo d) {
        return NODES.objectNode().put("device_id", d.deviceId()).put("identity", d.identity().toHex()).put("name", d.name())
                .put("added_at_ms", d.addedAtMillis()).put("last_seen_ms", d.lastSeenMillis());
    }

    private static ObjectNode bundle(PrekeyBundle b) {
        return NODES.objectNode().put("device_id", b.deviceId()).put("identity", b.identity().toHex())
                .put("signed_prekey", b.signedPrekey().toHex()).put("one_time_prekey", hexOrNull(b.oneTimePrekey()))
                .put("kem_prekey", b.kemPrekey().toHex());
    }

    private static ObjectNode target(EnvelopeTarget t) {
        return NODES.objectNode().put("user", t.user()).put("device_id", t.deviceId()).put("envelope", t.envelope().toHex());
    }

    private static ObjectNode queued(QueuedEnvelope q) {
        return NODES.objectNode().put("id", q.id()).put("from", q.fromUser()).put("from_device", q.fromDevice())
                .put("timestamp_ms", q.timestampMillis()).put("envelope", q.envelope().toHex());
    }

    private static ObjectNode userDevices(UserDevices u) {
        ObjectNode o = NODES.objectNode().put("user", u.user());
        o.set("devices", u.devices().<JsonNode>map(d -> list(d, ChatVectorFields::device)).orElse(NODES.nullNode()));
        return o;
    }

    private static ObjectNode userBundles(UserBundles u) {
        ObjectNode o = NODES.objectNode().put("user", u.user());
        o.set("bundles", u.bundles().<JsonNode>map(b -> list(b, ChatVectorFields::bundle)).orElse(NODES.nullNode()));
        return o;
    }

    private static String hexOrNull(Optional<Bytes> value) {
        return value.map(Bytes::toHex).orElse(null);
    }

    private static ArrayNode strings(List<String> values) {
        return list(values, NODES::textNode);
    }

    private static <T> ArrayNode list(List<T> values, Function<T, ? extends JsonNode> form) {
        ArrayNode array = NODES.arrayNode();
        values.forEach(v -> array.add(form.apply(v)));
        return array;
    }
}
