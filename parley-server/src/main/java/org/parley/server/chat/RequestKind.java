package org.parley.server.chat;

import java.util.Optional;
import org.parley.protocol.chat.ChatRequest;

/**
 * Which rate limit a chat request counts against.
 *
 * <p>{@link #SEND}: what other people see or what changes stored state for them: room and private
 * messages, creating and leaving rooms, topics, invitations, kicks, bans, roles and the account's
 * own credentials, withdrawing invitations, and the end-to-end requests that store something for others (adding or removing
 * a device, uploading prekeys, sending envelopes). {@link #READ}: joining a room (a reconnecting client rejoins all of its rooms at
 * once, so joins need the larger burst), room and member lists, history pages, delivery options, and the end-to-end reads (binding a device, device lists, prekey counts,
 * bundle fetches, the batched ones too, which have their own tighter limit as well, envelope pages and acknowledgements).
 * A ping is
 * limited by neither: answering it costs no more than answering a rejection would, so limiting it
 * would save nothing, and a keep-alive must not fail because the user was typing fast.
 */
enum RequestKind {
    SEND,
    READ;

    /** The limit {@code request} counts against; empty for a request that is not limited. */
    static Optional<RequestKind> of(ChatRequest request) {
        return switch (request) {
            case ChatRequest.SendRoomMessage r -> Optional.of(SEND);
            case ChatRequest.SendPrivateMessage r -> Optional.of(SEND);
            case ChatRequest.CreateRoom r -> Optional.of(SEND);
            case ChatRequest.LeaveRoom r -> Optional.of(SEND);
            case ChatRequest.SetTopic r -> Optional.of(SEND);
            case ChatRequest.Invite r -> Optional.of(SEND);
            case ChatRequest.Uninvite r -> Optional.of(SEND);
            case ChatRequest.Kick r -> Optional.of(SEND);
            case ChatRequest.Ban r -> Optional.of(SEND);
            case ChatRequest.Unban r -> Optional.of(SEND);
            case ChatRequest.SetRole r -> Optional.of(SEND);
            case ChatRequest.ChangePassword r -> Optional.of(SEND);
            case ChatRequest.AddLoginKey r -> Optional.of(SEND);
            case ChatRequest.RemoveLoginKey r -> Optional.of(SEND);
            case ChatRequest.JoinRoom r -> Optional.of(READ);
            case ChatRequest.ListRooms r -> Optional.of(READ);
            case ChatRequest.ListLoginKeys r -> Optional.of(READ);
            case ChatRequest.GetPasswordParams r -> Optional.of(READ);
            case ChatRequest.SetDeliveryOptions r -> Optional.of(READ);
            case ChatRequest.ListMembers r -> Optional.of(READ);
            case ChatRequest.FetchHistory r -> Optional.of(READ);
            case ChatRequest.Ping r -> Optional.empty();
            case ChatRequest.AddDevice r -> Optional.of(SEND);
            case ChatRequest.RemoveDevice r -> Optional.of(SEND);
            case ChatRequest.UploadPrekeys r -> Optional.of(SEND);
            case ChatRequest.SendEnvelopes r -> Optional.of(SEND);
            case ChatRequest.BindDevice r -> Optional.of(READ);
            case ChatRequest.ListDevices r -> Optional.of(READ);
            case ChatRequest.CountPrekeys r -> Optional.of(READ);
            case ChatRequest.FetchBundles r -> Optional.of(READ);
            case ChatRequest.ListDevicesMany r -> Optional.of(READ);
            case ChatRequest.FetchBundlesMany r -> Optional.of(READ);
            case ChatRequest.FetchEnvelopes r -> Optional.of(READ);
            case ChatRequest.AckEnvelopes r -> Optional.of(READ);
            case ChatRequest.CreateEncryptedRoom r -> Optional.of(SEND);
            case ChatRequest.AppendRoomLog r -> Optional.of(SEND);
            case ChatRequest.SendRoomKeys r -> Optional.of(SEND);
            case ChatRequest.FetchRoomLog r -> Optional.of(READ);
        };
    }
}
