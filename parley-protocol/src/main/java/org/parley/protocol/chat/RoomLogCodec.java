package org.parley.protocol.chat;

import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatEvent.RoomLogAppended;
import org.parley.protocol.chat.ChatEvent.RoomLogPage;
import org.parley.protocol.chat.ChatRequest.AppendRoomLog;
import org.parley.protocol.chat.ChatRequest.CreateEncryptedRoom;
import org.parley.protocol.chat.ChatRequest.FetchRoomLog;
import org.parley.protocol.chat.ChatRequest.SendRoomKeys;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Bodies of the encrypted-room requests and events (docs/PROTOCOL.md, Section 14.9);
 * {@link ChatRequestCodec} and {@link ChatEventCodec} call it. Request bodies here follow the
 * request id; event bodies start with it when they are answers. A log entry is opaque here: the
 * server and the clients parse it with the end-to-end core (docs/E2EE.md Section 19.2).
 *
 * <pre>
 *   LogEntry            = entry&lt;1..1024&gt;:vector16
 *   Seq                 = u32
 *   CreateEncryptedRoom (31) = request_id:u32 || room&lt;1..64&gt;:vector8 || visibility:u8 || genesis:LogEntry
 *   AppendRoomLog       (32) = request_id:u32 || room || entry:LogEntry
 *   FetchRoomLog        (33) = request_id:u32 || room || from_seq:Seq
 *   SendRoomKeys        (34) = request_id:u32 || room || count:u16 (1..200) || EnvelopeTarget[count]
 *   RoomLogPage         (86) = request_id:u32 || room || from_seq:Seq || count:u16 (0..200) || LogEntry[count]
 *                              || more:u8 (0|1)
 *   RoomLogAppended     (87) = room || seq:Seq || entry:LogEntry
 * </pre>
 */
final class RoomLogCodec {
    private RoomLogCodec() {
    }

    static void createEncryptedRoom(WireWriter out, CreateEncryptedRoom r) {
        ChatFields.room(out, r.room());
        out.u8(r.visibility().code());
        entry(out, r.genesis());
    }

    static CreateEncryptedRoom createEncryptedRoom(WireReader in, long id) throws WireFormatException {
        return new CreateEncryptedRoom(id, ChatFields.room(in),
                ChatFields.code(in, "room visibility", RoomVisibility::fromCode), entry(in));
    }

    static void appendRoomLog(WireWriter out, AppendRoomLog r) {
        ChatFields.room(out, r.room());
        entry(out, r.entry());
    }

    static AppendRoomLog appendRoomLog(WireReader in, long id) throws WireFormatException {
        return new AppendRoomLog(id, ChatFields.room(in), entry(in));
    }

    static void fetchRoomLog(WireWriter out, FetchRoomLog r) {
        ChatFields.room(out, r.room());
        out.u32(r.fromSeq());
    }

    static FetchRoomLog fetchRoomLog(WireReader in, long id) throws WireFormatException {
        return new FetchRoomLog(id, ChatFields.room(in), in.u32());
    }

    static void sendRoomKeys(WireWriter out, SendRoomKeys r) {
        ChatFields.room(out, r.room());
        if (r.envelopes().isEmpty()) {
            throw new IllegalArgumentException("envelopes must not be empty");
        }
        ChatFields.list(out, r.envelopes(), ChatLimits.MAX_ROOM_KEY_ENVELOPES, E2eFields::target);
    }

    static SendRoomKeys sendRoomKeys(WireReader in, long id) throws WireFormatException {
        String room = ChatFields.room(in);
        List<EnvelopeTarget> targets = ChatFields.list(in, "envelopes", ChatLimits.MAX_ROOM_KEY_ENVELOPES,
                E2eFields::target);
        if (targets.isEmpty()) {
            throw new WireFormatException(Alert.DECODE_ERROR, "no envelopes");
        }
        return new SendRoomKeys(id, room, targets);
    }

    static void roomLogPage(WireWriter out, RoomLogPage e) {
        out.u32(e.requestId());
        ChatFields.room(out, e.room());
        out.u32(e.fromSeq());
        ChatFields.list(out, e.entries(), ChatLimits.MAX_LOG_PAGE_ENTRIES, RoomLogCodec::entry);
        out.bool(e.more());
    }

    static RoomLogPage roomLogPage(WireReader in) throws WireFormatException {
        return new RoomLogPage(in.u32(), ChatFields.room(in), in.u32(),
                ChatFields.list(in, "log entries", ChatLimits.MAX_LOG_PAGE_ENTRIES, RoomLogCodec::entry),
                in.bool("more"));
    }

    static void roomLogAppended(WireWriter out, RoomLogAppended e) {
        ChatFields.room(out, e.room());
        out.u32(e.seq());
        entry(out, e.entry());
    }

    static RoomLogAppended roomLogAppended(WireReader in) throws WireFormatException {
        return new RoomLogAppended(ChatFields.room(in), in.u32(), entry(in));
    }

    private static void entry(WireWriter out, Bytes entry) {
        if (entry.isEmpty() || entry.length() > ChatLimits.MAX_LOG_ENTRY_BYTES) {
            throw new IllegalArgumentException("log entries are 1.." + ChatLimits.MAX_LOG_ENTRY_BYTES + " bytes, not "
                    + entry.length());
        }
        out.vector16(entry);
    }

    private static Bytes entry(WireReader in) throws WireFormatException {
        return in.vector16("log entry", 1, ChatLimits.MAX_LOG_ENTRY_BYTES);
    }
}
