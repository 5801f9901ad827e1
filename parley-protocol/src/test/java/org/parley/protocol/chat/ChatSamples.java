package org.parley.protocol.chat;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.suite.SignatureComponent;

/**
 * One populated instance of every chat request and event, with Chinese names and text, emoji and
 * values at their maxima, for round-trip tests and the fuzz seeds.
 */
public final class ChatSamples {
    static final String ROOM = "闲聊室🎉";
    static final String USER = "张伟";
    static final String PEER = "Zoë";
    static final String TEXT = "你好，世界！🌏👋 héllo";
    static final SendId SEND_ID = new SendId(Bytes.fromHex("00112233445566778899aabbccddeeff"));
    static final StoredMessage TEXT_MESSAGE =
            new StoredMessage(42, 1_764_000_000_000L, USER, ContentType.TEXT, Bytes.utf8(TEXT));
    static final StoredMessage OPAQUE_MESSAGE =
            new StoredMessage(Long.MAX_VALUE, -1L, PEER, ContentType.OPAQUE, Bytes.fromHex("00ff80c0"));
    static final ScramVerifier VERIFIER = new ScramVerifier(ScramMechanism.SCRAM_SHA_256,
            Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), 600_000,
            Bytes.fromHex("11".repeat(32)), Bytes.fromHex("22".repeat(32)));

    /** End-to-end blobs: opaque to the codec, so any bytes of an allowed length do. */
    static final Bytes IDENTITY = Bytes.fromHex("1d".repeat(ChatLimits.MIN_IDENTITY_BYTES));
    static final Bytes SIGNED_PREKEY = Bytes.fromHex("01" + "00000001" + "aa".repeat(32) + "5a".repeat(64));
    static final Bytes ONE_TIME = Bytes.fromHex("02" + "00000002" + "bb".repeat(32) + "5a".repeat(64));
    static final Bytes ONE_TIME_KEM = Bytes.fromHex("03" + "00000003" + "cc".repeat(1184) + "5a".repeat(64));
    static final Bytes LAST_RESORT = Bytes.fromHex("04" + "00000004" + "dd".repeat(1184) + "5a".repeat(64));
    static final Bytes PROOF = Bytes.fromHex("9f".repeat(64));
    /** Membership-log entries: opaque to the codec; one at the 1,024-byte maximum. */
    static final Bytes LOG_ENTRY = Bytes.fromHex("01" + "7e".repeat(ChatLimits.MAX_LOG_ENTRY_BYTES - 1));
    static final Bytes SHORT_LOG_ENTRY = Bytes.fromHex("02a1");

    private ChatSamples() {
    }

    /** One request of every type, in type-code order. */
    public static List<ChatRequest> requests() {
        return List.of(
                new ChatRequest.JoinRoom(1, ROOM),
                new ChatRequest.LeaveRoom(2, "lobby"),
                new ChatRequest.CreateRoom(3, "秘密", RoomVisibility.PRIVATE),
                new ChatRequest.ListRooms(4),
                new ChatRequest.ListMembers(5, Optional.of(ROOM)),
                new ChatRequest.SetTopic(6, ROOM, "今天的话题：☕ and tea"),
                new ChatRequest.Invite(7, ROOM, PEER),
                new ChatRequest.Kick(8, ROOM, PEER, "刷屏 🚫"),
                new ChatRequest.Ban(9, ROOM, PEER, 3600, ""),
                new ChatRequest.Unban(10, ROOM, PEER),
                new ChatRequest.SetRole(11, ROOM, PEER, Role.OP),
                new ChatRequest.SendRoomMessage(12, ROOM, ContentType.TEXT, Bytes.utf8(TEXT)),
                new ChatRequest.SendPrivateMessage(13, PEER, ContentType.OPAQUE, Bytes.fromHex("deadbeef")),
                new ChatRequest.FetchHistory(14, new Conversation.WithUser(PEER), 1000, ChatLimits.MAX_HISTORY_PAGE),
                new ChatRequest.ChangePassword(15, Bytes.fromHex("33".repeat(32)), VERIFIER),
                new ChatRequest.AddLoginKey(16, SignatureComponent.ED25519, Bytes.fromHex("ab".repeat(32))),
                new ChatRequest.RemoveLoginKey(17, SignatureComponent.ML_DSA_65, Bytes.fromHex("cd".repeat(1952))),
                new ChatRequest.Ping(0xffff_ffffL),
                new ChatRequest.AddDevice(19, IDENTITY, "张伟的笔记本 💻", SIGNED_PREKEY, LAST_RESORT, PROOF),
                new ChatRequest.BindDevice(20, 0xffff_ffffL, PROOF),
                new ChatRequest.ListDevices(21, PEER),
                new ChatRequest.RemoveDevice(22, 3),
                new ChatRequest.UploadPrekeys(23, Optional.of(SIGNED_PREKEY), List.of(ONE_TIME, ONE_TIME),
                        List.of(ONE_TIME_KEM), Optional.empty()),
                new ChatRequest.CountPrekeys(24),
                new ChatRequest.FetchBundles(25, PEER),
                new ChatRequest.SendEnvelopes(26, PEER, List.of(new EnvelopeTarget(PEER, 1, Bytes.fromHex("e2e0")),
                        new EnvelopeTarget(USER, 2, Bytes.fromHex("e2e1ff")))),
                new ChatRequest.FetchEnvelopes(27, 99),
                new ChatRequest.AckEnvelopes(28, List.of(1L, Long.MAX_VALUE)),
                new ChatRequest.Uninvite(29, ROOM, PEER),
                new ChatRequest.ListLoginKeys(30),
                new ChatRequest.CreateEncryptedRoom(31, "密室🔐", RoomVisibility.PRIVATE, LOG_ENTRY),
                new ChatRequest.AppendRoomLog(32, ROOM, SHORT_LOG_ENTRY),
                new ChatRequest.FetchRoomLog(33, ROOM, 0xffff_ffffL),
                new ChatRequest.SendRoomKeys(34, ROOM, List.of(new EnvelopeTarget(PEER, 1, Bytes.fromHex("5e0d")),
                        new EnvelopeTarget(USER, 0xffff_ffffL, Bytes.fromHex("ab".repeat(ChatLimits.MAX_ENVELOPE_BYTES))))),
                new ChatRequest.GetPasswordParams(35),
                new ChatRequest.SetDeliveryOptions(36, ChatRequest.SetDeliveryOptions.ACCEPT_BATCH_RECORDS),
                new ChatRequest.SendRoomMessage(37, ROOM, ContentType.TEXT, Bytes.utf8(TEXT), Optional.of(SEND_ID)),
                new ChatRequest.SendEnvelopes(38, PEER, List.of(new EnvelopeTarget(PEER, 1, Bytes.fromHex("e2e0"))),
                        Optional.of(SEND_ID)),
                new ChatRequest.ListDevicesMany(39, List.of(PEER, USER, "n".repeat(ChatLimits.MAX_USER_NAME_BYTES))),
                new ChatRequest.FetchBundlesMany(40, List.of(USER, PEER)));
    }

    /** One event of every type, in type-code order. */
    public static List<ChatEvent> events() {
        RoomInfo room = new RoomInfo(ROOM, "话题 🎈", RoomVisibility.PUBLIC, false, 3, 2);
        List<MemberInfo> members = List.of(new MemberInfo(USER, Role.OWNER, 2), new MemberInfo(PEER, Role.MEMBER, 0));
        return List.of(
                new ChatEvent.Accepted(1, 42),
                new ChatEvent.Rejected(2, ErrorCode.NOT_PERMITTED, "only an owner or op may kick — 仅限管理员"),
                new ChatEvent.JoinedRoom(3, room, members),
                new ChatEvent.RoomList(4, List.of(room, new RoomInfo("密室🔐", "", RoomVisibility.PRIVATE, true, 0, 0))),
                new ChatEvent.MemberList(5, "", List.of(new MemberInfo(USER, Role.NONE, 1))),
                new ChatEvent.HistoryPage(6, new Conversation.InRoom(ROOM), List.of(TEXT_MESSAGE, OPAQUE_MESSAGE), true),
                new ChatEvent.RoomMessage(ROOM, TEXT_MESSAGE, true),
                new ChatEvent.PrivateMessage(PEER, TEXT_MESSAGE, false),
                new ChatEvent.Presence(ROOM, USER, PresenceChange.JOINED, 7),
                new ChatEvent.TopicChanged(ROOM, "新话题 ✨", USER),
                new ChatEvent.Invited(ROOM, USER),
                new ChatEvent.RemovedFromRoom(ROOM, USER, PresenceChange.BANNED, "垃圾信息 🗑"),
                new ChatEvent.Notice("服务器正在关闭 / server shutting down 🛑"),
                new ChatEvent.DeviceList(78, PEER, List.of(new DeviceInfo(1, IDENTITY, "手机", 1_764_000_000_000L, -1L))),
                new ChatEvent.PrekeyCounts(79, 100, 0),
                new ChatEvent.BundleList(80, PEER, List.of(
                        new PrekeyBundle(1, IDENTITY, SIGNED_PREKEY, Optional.of(ONE_TIME), ONE_TIME_KEM),
                        new PrekeyBundle(4, IDENTITY, SIGNED_PREKEY, Optional.empty(), LAST_RESORT))),
                new ChatEvent.DeviceMismatch(81, PEER, List.of(1L, 4L), List.of()),
                new ChatEvent.EnvelopeBatch(List.of(new QueuedEnvelope(7, USER, 2, 1_764_000_000_000L,
                        Bytes.fromHex("e2e0"))), true),
                new ChatEvent.DeviceChanged(PEER, 0xffff_ffffL, DeviceChange.REMOVED),
                new ChatEvent.EnvelopePage(84, List.of(new QueuedEnvelope(8, USER, 2, 1_764_000_000_001L,
                        Bytes.fromHex("e2e1"))), false),
                new ChatEvent.LoginKeyList(85, List.of(new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("11".repeat(32))))),
                new ChatEvent.RoomLogPage(86, ROOM, 7, List.of(LOG_ENTRY, SHORT_LOG_ENTRY), true),
                new ChatEvent.RoomLogAppended(ROOM, 0xffff_ffffL, LOG_ENTRY),
                new ChatEvent.PasswordParams(88, ScramMechanism.SCRAM_SHA_256, Bytes.fromHex("000102030405060708090a0b0c0d0e0f"),
                        600_000),
                new ChatEvent.DeviceLists(89, List.of(
                        new UserDevices(PEER, Optional.of(List.of(new DeviceInfo(1, IDENTITY, "手机", 1_764_000_000_000L, -1L)))),
                        new UserDevices("nobody", Optional.empty()),
                        new UserDevices(USER, Optional.of(List.of())))),
                new ChatEvent.BundleLists(90, List.of(
                        new UserBundles(USER, Optional.empty()),
                        new UserBundles(PEER, Optional.of(List.of(
                                new PrekeyBundle(1, IDENTITY, SIGNED_PREKEY, Optional.of(ONE_TIME), ONE_TIME_KEM),
                                new PrekeyBundle(4, IDENTITY, SIGNED_PREKEY, Optional.empty(), LAST_RESORT)))))));
    }
}
