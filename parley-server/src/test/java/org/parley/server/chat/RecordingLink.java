package org.parley.server.chat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.parley.protocol.chat.ChatEvent;

/** A {@link SessionLink} that keeps what the chat layer delivered, for tests without a network. */
final class RecordingLink implements SessionLink {
    private final List<ChatEvent> events = new CopyOnWriteArrayList<>();
    private volatile String closedWith;
    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private final java.util.concurrent.atomic.AtomicLong inFlightBytes = new java.util.concurrent.atomic.AtomicLong();

    @Override
    public void deliver(ChatEvent event) {
        events.add(event);
    }

    @Override
    public void requestStarted(int bytes) {
        inFlight.incrementAndGet();
        inFlightBytes.addAndGet(bytes);
    }

    @Override
    public void requestFinished(int bytes) {
        inFlight.decrementAndGet();
        inFlightBytes.addAndGet(-bytes);
    }

    /** Requests counted by {@link #requestStarted} and not yet finished. */
    int inFlight() {
        return inFlight.get();
    }

    /** Bytes of the requests counted by {@link #requestStarted} and not yet finished. */
    long inFlightBytes() {
        return inFlightBytes.get();
    }

    @Override
    public void close(String reason) {
        closedWith = reason;
    }

    List<ChatEvent> events() {
        return List.copyOf(events);
    }

    <T extends ChatEvent> List<T> events(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends ChatEvent> boolean has(Class<T> type, Predicate<T> matching) {
        return events(type).stream().anyMatch(matching);
    }

    /** The answer (Accepted, Rejected or another event with this request id), if it came. */
    boolean answered(long requestId) {
        return events.stream().anyMatch(e -> e instanceof ChatEvent.Answer answer && answer.requestId() == requestId);
    }

    String closedWith() {
        return closedWith;
    }
}
