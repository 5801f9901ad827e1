package org.parley.bench;

import io.netty.channel.EventLoop;
import java.util.List;

/** One sending member of a fan-out room, whatever the server: Parley, IRC or Redis pub/sub. */
public interface RoomMember {

    /** The event loop its connection runs on; {@link #send} is called there. */
    EventLoop eventLoop();

    /** Sends each body as one room message, all in one write. Called on {@link #eventLoop()}. */
    void send(List<byte[]> bodies);

    /**
     * Bytes handed to Netty and not yet written to the socket (the channel's outbound buffer: the kernel's
     * send buffer was full), or -1 when not known. Called on {@link #eventLoop()}.
     */
    default long unsentBytes() {
        return -1;
    }

    /**
     * Whether the server answers each message this member sends (Parley: {@code Accepted} or
     * {@code Rejected}), so that the member can keep the protocol's window ({@link SendWindow}); IRC's
     * PRIVMSG and Redis's PUBLISH to a channel get no answer a sender could wait for.
     */
    default boolean answersEachMessage() {
        return false;
    }

    /**
     * Calls {@code listener} on {@link #eventLoop()} once per answer to a message this member sent,
     * after the sink counted it; only when {@link #answersEachMessage()}.
     */
    default void onAnswer(Runnable listener) {
        throw new UnsupportedOperationException("this member's messages are not answered");
    }
}
