package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The valid request vectors of docs/test-vectors/CHAT_messages.json: every request type, and each
 * variant whose encoding differs (optional parts present and absent, empty and full lists, the
 * once-forms with a send id), with short readable values and non-ASCII names and text.
 */
final class ChatVectorRequests {
    static final String ROOM = "密谈";
    static final String PEER = "Zoë";
    static final SendId SEND_ID = new SendId(Bytes.fromHex("0f1e2d3c4b5a69788796a5b4c3d2e1f0"));
    static final Bytes IDENTITY = Bytes.fromHex("1d".repeat(32) + "e5".repeat(32));
    static final Bytes SIGNED_PREKEY = record(1, 1, "a1".repeat(32));
    static final Bytes ONE_TIME = record(2, 7, "b2".repeat(32));
    static final Bytes ONE_TIME_2 = record(2, 8, "b3".repeat(32));
    static final Bytes ONE_TIME_KEM = record(3, 9, "c3".repeat(1184));
    static final Bytes LAST_RESORT = record(4, 2, "d4".repeat(1184));
    static final Bytes PROOF = Bytes.fromHex("9f".repeat(64));
    static final Bytes LOG_ENTRY = Bytes.fromHex("00000000" + "6c6f6720656e747279");
    static final EnvelopeTarget TO_PEER = new EnvelopeTarget(PEER, 1, Bytes.fromHex("e1e2e3"));
    static final EnvelopeTarget TO_SELF = new EnvelopeTarget("alice", 4_294_967_295L, Bytes.fromHex("f0"));

    private ChatVectorRequests() {
    }

    /** An opaque prekey record of PROTOCOL.md 14.8: kind, key id, public key, a stand-in signature. */
    static Bytes record(int kind, int keyId, String publicKeyHex) {
        return Bytes.fromHex("%02x%08x%s%s".formatted(kind, keyId, publicKeyHex, "5a".repeat(64)));
    }

    static List<ChatVectorSample<ChatRequest>> all() {
        ScramVerifier sha256 = new ScramVerifier(ScramMechanism.SCRAM_SHA_256,
                Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), 600_000,
                Bytes.fromHex("11".repeat(32)), Bytes.fromHex("22".repeat(32)));
        ScramVerifier sha512 = new ScramVerifier(ScramMechanism.SCRAM_SHA_512,
                Bytes.fromHex("ff".repeat(64)), 10_000_000, Bytes.fromHex("33".repeat(64)), Bytes.fromHex("44".repeat(64)));
        return List.of(
                sample("join_room", new ChatRequest.JoinRoom(1, "lobby")),
                sample("leave_room", new ChatRequest.LeaveRoom(2, ROOM)),
                sample("create_room public", new ChatRequest.CreateRoom(3, "tea", RoomVisibility.PUBLIC)),
                sample("create_room private", new ChatRequest.CreateRoom(3, ROOM, RoomVisibility.PRIVATE)),
                sample("list_rooms", new ChatRequest.ListRooms(4)),
                sample("list_members of a room", new ChatRequest.ListMembers(5, Optional.of(ROOM))),
                sample("list_members global", new ChatRequest.ListMembers(5, Optional.empty())),
                sample("set_topic", new ChatRequest.SetTopic(6, ROOM, "今天的话题: tea ☕")),
                sample("set_topic empty", new ChatRequest.SetTopic(6, ROOM, "")),
                sample("invite", new ChatRequest.Invite(7, ROOM, PEER)),
                sample("invite a name not in NFC (decodes: 14.4)", new ChatRequest.Invite(7, ROOM, "Zoe\u0308")),
                sample("kick with a reason", new ChatRequest.Kick(8, ROOM, PEER, "刷屏")),
                sample("kick without a reason", new ChatRequest.Kick(8, "lobby", "bob", "")),
                sample("ban until lifted", new ChatRequest.Ban(9, ROOM, PEER, 0, "")),
                sample("ban for the longest time", new ChatRequest.Ban(9, ROOM, PEER, 4_294_967_295L, "spam")),
                sample("unban", new ChatRequest.Unban(10, ROOM, PEER)),
                sample("set_role op", new ChatRequest.SetRole(11, ROOM, PEER, Role.OP)),
                sample("set_role none", new ChatRequest.SetRole(11, ROOM, PEER, Role.NONE)),
                sample("send_room_message text (the example of 14.3)",
                        new ChatRequest.SendRoomMessage(7, "lobby", ContentType.TEXT, Bytes.utf8("你好"))),
                sample("send_room_message empty text", new ChatRequest.SendRoomMessage(12, ROOM, ContentType.TEXT, Bytes.empty())),
                sample("send_room_message opaque",
                        new ChatRequest.SendRoomMessage(12, ROOM, ContentType.OPAQUE, Bytes.fromHex("00ff80c0"))),
                sample("send_private_message", new ChatRequest.SendPrivateMessage(13, PEER, ContentType.TEXT, Bytes.utf8("hi 👋"))),
                sample("fetch_history of a room, newest", new ChatRequest.FetchHistory(14, new Conversation.InRoom(ROOM), 0, 50)),
                sample("fetch_history with a user, older",
                        new ChatRequest.FetchHistory(14, new Conversation.WithUser(PEER), Long.MAX_VALUE, 200)),
                sample("change_password SCRAM-SHA-256",
                        new ChatRequest.ChangePassword(15, Bytes.fromHex("a5".repeat(32)), sha256)),
                sample("change_password SCRAM-SHA-512",
                        new ChatRequest.ChangePassword(15, Bytes.fromHex("5a".repeat(64)), sha512)),
                sample("add_login_key", new ChatRequest.AddLoginKey(16, SignatureComponent.ED25519, Bytes.fromHex("ed".repeat(32)))),
                sample("remove_login_key",
                        new ChatRequest.RemoveLoginKey(17, SignatureComponent.ECDSA_P256_SHA256, Bytes.fromHex("04" + "ec".repeat(64)))),
                sample("ping", new ChatRequest.Ping(18)),
                sample("ping with the largest request id", new ChatRequest.Ping(4_294_967_295L)),
                sample("add_device", new ChatRequest.AddDevice(19, IDENTITY, "我的电脑", SIGNED_PREKEY, LAST_RESORT, PROOF)),
                sample("bind_device", new ChatRequest.BindDevice(20, 3, PROOF)),
                sample("list_devices", new ChatRequest.ListDevices(21, PEER)),
                sample("remove_device", new ChatRequest.RemoveDevice(22, 4_294_967_295L)),
                sample("upload_prekeys, nothing", new ChatRequest.UploadPrekeys(23, Optional.empty(), List.of(), List.of(),
                        Optional.empty())),
                sample("upload_prekeys, every part", new ChatRequest.UploadPrekeys(23, Optional.of(SIGNED_PREKEY),
                        List.of(ONE_TIME, ONE_TIME_2), List.of(ONE_TIME_KEM), Optional.of(LAST_RESORT))),
                sample("count_prekeys", new ChatRequest.CountPrekeys(24)),
                sample("fetch_bundles", new ChatRequest.FetchBundles(25, PEER)),
                sample("send_envelopes", new ChatRequest.SendEnvelopes(26, PEER, List.of(TO_PEER, TO_SELF))),
                sample("send_envelopes, a device twice (decodes; the server refuses it, 14.8)",
                        new ChatRequest.SendEnvelopes(26, PEER, List.of(TO_PEER, TO_PEER))),
                sample("fetch_envelopes from the start", new ChatRequest.FetchEnvelopes(27, 0)),
                sample("fetch_envelopes after an id", new ChatRequest.FetchEnvelopes(27, Long.MAX_VALUE)),
                sample("ack_envelopes one", new ChatRequest.AckEnvelopes(28, List.of(1L))),
                sample("ack_envelopes several", new ChatRequest.AckEnvelopes(28, List.of(5L, 6L, Long.MAX_VALUE))),
                sample("ack_envelopes the same id twice (decodes)", new ChatRequest.AckEnvelopes(28, List.of(5L, 5L))),
                sample("uninvite", new ChatRequest.Uninvite(29, ROOM, PEER)),
                sample("list_login_keys", new ChatRequest.ListLoginKeys(30)),
                sample("create_encrypted_room",
                        new ChatRequest.CreateEncryptedRoom(31, ROOM, RoomVisibility.PRIVATE, LOG_ENTRY)),
                sample("append_room_log", new ChatRequest.AppendRoomLog(32, ROOM, Bytes.fromHex("01"))),
                sample("fetch_room_log", new ChatRequest.FetchRoomLog(33, ROOM, 4_294_967_295L)),
                sample("send_room_keys", new ChatRequest.SendRoomKeys(34, ROOM, List.of(TO_PEER))),
                sample("get_password_params", new ChatRequest.GetPasswordParams(35)),
                sample("set_delivery_options batch records", new ChatRequest.SetDeliveryOptions(36, 1)),
                sample("set_delivery_options none", new ChatRequest.SetDeliveryOptions(36, 0)),
                sample("send_room_message_once text", new ChatRequest.SendRoomMessage(37, ROOM, ContentType.TEXT,
                        Bytes.utf8("你好"), Optional.of(SEND_ID))),
                sample("send_room_message_once opaque", new ChatRequest.SendRoomMessage(37, ROOM, ContentType.OPAQUE,
                        Bytes.fromHex("c0ffee"), Optional.of(SEND_ID))),
                sample("send_envelopes_once",
                        new ChatRequest.SendEnvelopes(38, PEER, List.of(TO_PEER), Optional.of(SEND_ID))),
                sample("list_devices_many one user", new ChatRequest.ListDevicesMany(39, List.of(PEER))),
                sample("list_devices_many several users (one account, two spellings)",
                        new ChatRequest.ListDevicesMany(39, List.of("alice", ROOM, "Alice"))),
                sample("fetch_bundles_many", new ChatRequest.FetchBundlesMany(40, List.of("bob", "密谈"))));
    }

    private static ChatVectorSample<ChatRequest> sample(String vector, ChatRequest request) {
        return new ChatVectorSample<>(vector, request);
    }
}
