package org.parley.bench;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.RoomVisibility;

/**
 * History paging throughput: one member fills a room with {@code messages} stored messages, then
 * {@code readers} members page through it newest first, {@value ChatLimits#MAX_HISTORY_PAGE} a page,
 * closed loop, starting again at the newest page when they reach the oldest. The figure is
 * messages served a second (pages × page size).
 */
final class HistoryScenario {
    private HistoryScenario() {
    }

    static Measurement parley(LoadClients clients, InetSocketAddress address, ProcessCpu server, int messages,
            int readers, int size, double warmUp, double seconds) throws InterruptedException {
        List<ParleyConnection> members = ParleyRoom.registered(clients, address, readers + 1);
        String room = "history-" + Long.toString(System.nanoTime() % 1_000_000_007L, 36);
        ParleyConnection writer = members.getFirst();
        writer.request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC)).join();
        byte[] body = FanoutSink.body(0, 0, 0, size);
        for (int start = 0; start < messages; start += 100) {
            List<CompletableFuture<ChatEvent.Answer>> batch = new ArrayList<>();
            for (int i = start; i < Math.min(messages, start + 100); i++) {
                batch.add(writer.request(id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT, Bytes.wrapOwned(body))));
            }
            batch.forEach(CompletableFuture::join);
        }
        ClosedLoop loop = new ClosedLoop();
        int page = ChatLimits.MAX_HISTORY_PAGE;
        for (ParleyConnection reader : members.subList(1, members.size())) {
            reader.request(id -> new ChatRequest.JoinRoom(id, room)).join();
            long[] state = {0, 0}; // next beforeId, start of the request
            Runnable next = () -> {
                state[1] = System.nanoTime();
                reader.fire(1, id -> new ChatRequest.FetchHistory(id, new Conversation.InRoom(room), state[0], page));
            };
            reader.onAnswer(answer -> {
                if (answer instanceof ChatEvent.HistoryPage history) {
                    for (int i = 0; i < history.messages().size(); i++) {
                        loop.completed(state[1]);
                    }
                    state[0] = history.more() && !history.messages().isEmpty() ? history.messages().getLast().id() : 0;
                }
                if (loop.running()) {
                    next.run();
                }
            });
            reader.channel().eventLoop().execute(next);
        }
        try {
            return loop.measure(server, warmUp, seconds);
        } finally {
            members.forEach(ParleyConnection::close);
        }
    }
}
