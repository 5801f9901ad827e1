package org.parley.bench;

import io.netty.channel.EventLoop;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A room member for the ladder's tests, with no connection: it keeps every body it was asked to
 * send, in order, and gets no answers (as the peers' members), unless a subclass says otherwise.
 */
class RecordingMember implements RoomMember {
    final List<byte[]> sent = new CopyOnWriteArrayList<>();
    private final EventLoop loop;

    RecordingMember(EventLoop loop) {
        this.loop = loop;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void send(List<byte[]> bodies) {
        sent.addAll(bodies);
    }
}
