package org.parley.server.net;

import io.netty.channel.Channel;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.server.chat.SessionLink;

/**
 * Delivers chat events to one connection from any thread: events are queued and one task on the
 * connection's event loop writes them all and flushes once, so a burst costs one wake-up and one
 * system call rather than one per event. {@link #deliverAll} queues its events as one entry, so
 * an event queued by another thread (another lane's answer) never lands between them.
 */
final class NettySessionLink implements SessionLink {
    private final Channel channel;
    private final Queue<List<ChatEvent>> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();

    NettySessionLink(Channel channel) {
        this.channel = channel;
    }

    @Override
    public void deliver(ChatEvent event) {
        enqueue(List.of(event));
    }

    @Override
    public void deliverAll(List<ChatEvent> events) {
        enqueue(List.copyOf(events));
    }

    private void enqueue(List<ChatEvent> events) {
        if (!channel.isActive()) {
            return;
        }
        pending.add(events);
        if (scheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(this::drain);
        }
    }

    @Override
    public void close(String reason) {
        channel.eventLoop().execute(() -> {
            drain();
            channel.pipeline().fireUserEventTriggered(new ServerShutdown(reason));
        });
    }

    private void drain() {
        scheduled.set(false);
        boolean wrote = false;
        List<ChatEvent> events;
        while ((events = pending.poll()) != null) {
            for (ChatEvent event : events) {
                if (channel.isActive()) {
                    channel.write(ChatCodec.encode(event), channel.voidPromise());
                    wrote = true;
                }
            }
        }
        if (wrote) {
            channel.flush();
        }
    }
}
