package org.parley.protocol.chat;

import static org.parley.protocol.chat.ChatVectorRequests.IDENTITY;
import static org.parley.protocol.chat.ChatVectorRequests.LAST_RESORT;
import static org.parley.protocol.chat.ChatVectorRequests.LOG_ENTRY;
import static org.parley.protocol.chat.ChatVectorRequests.ONE_TIME;
import static org.parley.protocol.chat.ChatVectorRequests.ONE_TIME_KEM;
import static org.parley.protocol.chat.ChatVectorRequests.PEER;
import static org.parley.protocol.chat.ChatVectorRequests.ROOM;
import static org.parley.protocol.chat.ChatVectorRequests.SIGNED_PREKEY;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.suite.SignatureComponent;

/**
 * The valid event vectors of docs/test-vectors/CHAT_messages.json: every event type, and each
 * variant whose encoding differs (empty and full lists, flags set and clear, optional parts
 * present and absent, text and opaque bodies).
 */
final class ChatVectorEvents {
    private static final StoredMessage TEXT = new StoredMessage(42, 1_764_000_000_000L, "张伟", ContentType.TEXT,
            Bytes.utf8("你好，世界"));
    private static final StoredMessage OPAQUE = new StoredMessage(Long.MAX_VALUE, -1L, PEER, ContentType.OPAQUE,
            Bytes.fromHex("00ff80c0"));
    private static final RoomInfo PUBLIC_ROOM = new RoomInfo("lobby", "", RoomVisibility.PUBLIC, false, 0, 0);
    private static final RoomInfo SECRET_ROOM = new RoomInfo(ROOM, "话题", RoomVisibility.PRIVATE, true, 2_147_483_647, 1);
    private static final MemberInfo OWNER = new MemberInfo("张伟", Role.OWNER, 2);
    private static final MemberInfo GUEST = new MemberInfo(PEER, Role.NONE, 0);
    private static final DeviceInfo LAPTOP = new DeviceInfo(1, IDENTITY, "笔记本", 1_764_000_000_000L, 1_764_000_360_000L);
    private static final DeviceInfo PHONE = new DeviceInfo(4_294_967_295L, IDENTITY, "phone", -1L, 0L);
    private static final PrekeyBundle FULL_BUNDLE = new PrekeyBundle(1, IDENTITY, SIGNED_PREKEY, Optional.of(ONE_TIME),
            ONE_TIME_KEM);
    private static final PrekeyBundle DRAINED_BUNDLE = new PrekeyBundle(2, IDENTITY, SIGNED_PREKEY, Optional.empty(),
            LAST_RESORT);
    private static final QueuedEnvelope QUEUED = new QueuedEnvelope(1, PEER, 3, 1_764_000_000_123L, Bytes.fromHex("e1e2e3"));
    private static final QueuedEnvelope LAST_QUEUED = new QueuedEnvelope(Long.MAX_VALUE, "张伟", 4_294_967_295L, -5L,
            Bytes.fromHex("0a"));

    private ChatVectorEvents() {
    }

    static List<ChatVectorSample<ChatEvent>> all() {
        return List.of(
                sample("accepted", new ChatEvent.Accepted(1, 0)),
                sample("accepted with the largest message id", new ChatEvent.Accepted(4_294_967_295L, Long.MAX_VALUE)),
                sample("rejected", new ChatEvent.Rejected(2, ErrorCode.NO_SUCH_ROOM, "there is no room of that name")),
                sample("rejected with an empty detail", new ChatEvent.Rejected(2, ErrorCode.WRONG_PASSWORD, "")),
                sample("rejected in Chinese", new ChatEvent.Rejected(2, ErrorCode.RATE_LIMITED, "请稍后再试")),
                sample("joined_room without members", new ChatEvent.JoinedRoom(3, PUBLIC_ROOM, List.of())),
                sample("joined_room with members", new ChatEvent.JoinedRoom(3, SECRET_ROOM, List.of(OWNER, GUEST))),
                sample("room_list empty", new ChatEvent.RoomList(4, List.of())),
                sample("room_list", new ChatEvent.RoomList(4, List.of(PUBLIC_ROOM, SECRET_ROOM))),
                sample("member_list of a room", new ChatEvent.MemberList(5, ROOM, List.of(OWNER))),
                sample("member_list global, empty", new ChatEvent.MemberList(5, "", List.of())),
                sample("history_page of a room, empty", new ChatEvent.HistoryPage(14, new Conversation.InRoom(ROOM), List.of(),
                        false)),
                sample("history_page with a user, more", new ChatEvent.HistoryPage(14, new Conversation.WithUser(PEER),
                        List.of(OPAQUE, TEXT), true)),
                sample("room_message live", new ChatEvent.RoomMessage(ROOM, TEXT, false)),
                sample("room_message replayed", new ChatEvent.RoomMessage(ROOM, OPAQUE, true)),
                sample("private_message replayed", new ChatEvent.PrivateMessage(PEER, TEXT, true)),
                sample("presence global", new ChatEvent.Presence("", PEER, PresenceChange.ONLINE, 7)),
                sample("presence in a room", new ChatEvent.Presence(ROOM, "张伟", PresenceChange.BANNED, 2_147_483_647)),
                sample("topic_changed", new ChatEvent.TopicChanged(ROOM, "新话题", "张伟")),
                sample("invited", new ChatEvent.Invited(ROOM, "张伟")),
                sample("removed_from_room kicked", new ChatEvent.RemovedFromRoom(ROOM, "张伟", PresenceChange.KICKED, "刷屏")),
                sample("removed_from_room banned", new ChatEvent.RemovedFromRoom("lobby", "op", PresenceChange.BANNED, "")),
                sample("notice", new ChatEvent.Notice("服务器即将重启 / the server restarts")),
                sample("device_list empty", new ChatEvent.DeviceList(78, PEER, List.of())),
                sample("device_list", new ChatEvent.DeviceList(78, "张伟", List.of(LAPTOP, PHONE))),
                sample("prekey_counts", new ChatEvent.PrekeyCounts(79, 500, 2_147_483_647)),
                sample("bundle_list", new ChatEvent.BundleList(80, PEER, List.of(FULL_BUNDLE, DRAINED_BUNDLE))),
                sample("bundle_list empty", new ChatEvent.BundleList(80, PEER, List.of())),
                sample("device_mismatch", new ChatEvent.DeviceMismatch(81, PEER, List.of(1L, 2L), List.of(4_294_967_295L))),
                sample("device_mismatch, no devices", new ChatEvent.DeviceMismatch(81, PEER, List.of(), List.of())),
                sample("envelope_batch empty", new ChatEvent.EnvelopeBatch(List.of(), false)),
                sample("envelope_batch, more", new ChatEvent.EnvelopeBatch(List.of(QUEUED), true)),
                sample("device_changed added", new ChatEvent.DeviceChanged(PEER, 2, DeviceChange.ADDED)),
                sample("device_changed removed", new ChatEvent.DeviceChanged("张伟", 4_294_967_295L, DeviceChange.REMOVED)),
                sample("envelope_page", new ChatEvent.EnvelopePage(84, List.of(QUEUED, LAST_QUEUED), false)),
                sample("login_key_list empty", new ChatEvent.LoginKeyList(85, List.of())),
                sample("login_key_list", new ChatEvent.LoginKeyList(85, List.of(
                        new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("ed".repeat(32))),
                        new RegisteredPublicKey(SignatureComponent.ECDSA_P384_SHA384, Bytes.fromHex("04" + "ec".repeat(96)))))),
                sample("room_log_page empty", new ChatEvent.RoomLogPage(86, ROOM, 5, List.of(), false)),
                sample("room_log_page, more", new ChatEvent.RoomLogPage(86, ROOM, 0, List.of(LOG_ENTRY, Bytes.fromHex("02")),
                        true)),
                sample("room_log_appended", new ChatEvent.RoomLogAppended(ROOM, 1, Bytes.fromHex("0102"))),
                sample("password_params", new ChatEvent.PasswordParams(88, ScramMechanism.SCRAM_SHA_256,
                        Bytes.fromHex("000102030405060708090a0b0c0d0e0f"), 600_000)),
                sample("device_lists", new ChatEvent.DeviceLists(89, List.of(
                        new UserDevices("张伟", Optional.of(List.of(LAPTOP))),
                        new UserDevices("nobody", Optional.empty()),
                        new UserDevices(PEER, Optional.of(List.of()))))),
                sample("device_lists empty", new ChatEvent.DeviceLists(89, List.of())),
                sample("bundle_lists", new ChatEvent.BundleLists(90, List.of(
                        new UserBundles(PEER, Optional.of(List.of(DRAINED_BUNDLE))),
                        new UserBundles("nobody", Optional.empty()),
                        new UserBundles("张伟", Optional.of(List.of()))))));
    }

    private static ChatVectorSample<ChatEvent> sample(String vector, ChatEvent event) {
        return new ChatVectorSample<>(vector, event);
    }
}
