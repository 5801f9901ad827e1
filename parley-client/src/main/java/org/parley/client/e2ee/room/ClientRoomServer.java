package org.parley.client.e2ee.room;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.client.EndToEndException;
import org.parley.client.ParleyClient;
import org.parley.client.e2ee.UnconfirmedSends;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.EnvelopeTarget;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.SendId;

/** {@link RoomServer} over a live {@link ParleyClient}, waiting (bounded) on the worker thread. */
final class ClientRoomServer implements RoomServer {
    /** Pages of a log fetched before giving up (200 entries each: the 100,000-entry maximum). */
    private static final int MAX_PAGES = 500;
    private static final long ANSWER_WAIT_MS = 30_000;

    private final ParleyClient client;

    ClientRoomServer(ParleyClient client) {
        this.client = client;
    }

    @Override
    public ChatEvent.JoinedRoom join(String room) throws Exception {
        return await(client.join(room));
    }

    @Override
    public ChatEvent.JoinedRoom create(String room, RoomVisibility visibility, Bytes genesis) throws Exception {
        return await(client.createEncryptedRoom(room, visibility, genesis));
    }

    @Override
    public ChatEvent.Answer append(String room, Bytes entry) throws Exception {
        return await(client.appendRoomLog(room, entry));
    }

    @Override
    public List<Bytes> fetchLog(String room, long fromSeq) throws Exception {
        List<Bytes> entries = new ArrayList<>();
        long next = fromSeq;
        for (int page = 0; page < MAX_PAGES; page++) {
            ChatEvent.RoomLogPage answer = await(client.fetchRoomLog(room, next));
            entries.addAll(answer.entries());
            next += answer.entries().size();
            if (!answer.more() || answer.entries().isEmpty()) {
                return entries;
            }
        }
        throw new EndToEndException("the membership log of " + room + " is longer than any log may be");
    }

    @Override
    public void sendKeys(String room, List<EnvelopeTarget> envelopes) throws Exception {
        await(client.sendRoomKeys(room, envelopes));
    }

    @Override
    public ChatEvent.HistoryPage history(String room, long beforeId, int limit) throws Exception {
        return await(client.history(new org.parley.protocol.chat.Conversation.InRoom(room), beforeId, limit));
    }

    @Override
    public long sendEnvelope(String room, Bytes envelope, SendId sendId) throws Exception {
        return UnconfirmedSends.answer(client.sendRoomEnvelope(room, envelope, sendId));
    }

    private static <T> T await(CompletableFuture<T> answer) throws Exception {
        try {
            return answer.get(ANSWER_WAIT_MS, TimeUnit.MILLISECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            throw cause instanceof Exception exception ? exception : new EndToEndException("request failed", cause);
        } catch (TimeoutException e) {
            throw new EndToEndException("the server did not answer in time", e);
        }
    }
}
