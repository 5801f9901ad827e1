package org.parley.server.net;

import io.netty.channel.Channel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.ServerLimits;
import org.parley.server.chat.SessionLink;
import org.parley.server.metrics.InFlightBound;
import org.parley.server.metrics.ServerMetrics;

/**
 * Delivers chat events to one connection from any thread: events are encoded on the calling
 * thread (a room message once for all its recipients), queued, and one task on the connection's
 * event loop writes them all and flushes once, so a burst costs one wake-up, one sealing pass and
 * one system call rather than one per event. {@link #deliverAll} queues its events as one entry,
 * so an event queued by another thread (another lane's answer) never lands between them;
 * {@link #deliverEncoded} does the same for the room messages of one group commit, so a recipient
 * costs one queueing, one update of the shared byte count and one {@code written} callback per
 * group rather than per message. The task that drains the queue goes through
 * {@link EventLoopHandOffs}: while a store thread completes a group commit's callbacks, the
 * connections they queue for share one task per event loop, handed off when the batch ends.
 *
 * <p><b>Batch records.</b> Once the client accepts batch records ({@link #acceptBatchRecords}), the
 * messages of one flush are handed down as one {@link OutboundBatch}, which the secure channel
 * handler seals as few records as fit; every count here (queued bytes, events per flush, the
 * {@code written} callbacks) is still per message.
 *
 * <p><b>Bounds.</b> The bytes queued here and not yet written are bounded by the channel's
 * write-buffer high-water mark (the outbound limit): a connection whose queue would pass it is
 * a slow reader, dropped from delivery and disconnected ({@link OutboundOverflow}), so a reader
 * that does not keep up never holds unbounded memory or delays the others.
 *
 * <p><b>Back-pressure.</b> While more than {@value #PAUSE_AT} of this connection's requests are
 * in flight in the chat layer (queued on a lane or waiting for their commit), or their sizes as
 * they arrived add up to more than {@link #pauseAtBytes} bytes, the connection is
 * not read (auto-read off, at once when the request is counted on the event loop, so the read
 * loop stops after the current read of at most 16 KiB); reading resumes when they drop to
 * {@value #RESUME_AT} and to a quarter of the bytes, both. A flooding sender is thus slowed by TCP
 * flow control before it can fill the lanes. A room message stays in flight until every recipient's connection has written it
 * (the {@code written} callback of {@link #deliver(ChatEvent, Bytes, Runnable)}), so while the
 * event loops lag behind the fan-out, senders are paused rather than the queues growing until
 * readers count as slow.
 *
 * <p><b>Bounded pause.</b> A pause lasts at most {@value #MAX_PAUSE_MILLIS} ms: what a sender
 * writes while it is not read waits in TCP buffers, where its age is invisible to the server, so
 * a pause without end would let the latency of its later messages grow without bound. When the
 * pause runs out with the requests still above the resume mark, the connection is read again and
 * is {@link #saturated()}: the chat layer refuses (at once, without queueing) every request it
 * sends while more than {@value #PAUSE_AT} (or more than the pause mark's bytes) are in flight, until
 * they drop to the resume marks. Each pause and each refusal is counted by the bound that caused it
 * ({@link ServerMetrics#inFlightPaused}, {@link ServerMetrics#inFlightRefused}).
 */
final class NettySessionLink implements SessionLink {
    /**
     * A connection's window of requests in flight. A room message is in flight until its group
     * commit's fsync (12 ms p50, 20-30 ms p99 on the issue-13 machine) and its fan-out are done, so
     * by Little's law a sender needs rate × time in flight: a bot or bridge at 4,000 messages a
     * second needs 120 at 30 ms, and 64 capped it at about 3,500 (issue 13, branches fanout6 and
     * fanout7); 256 leaves twice that for fsync tails, or 2,500 a second over a 100 ms round trip.
     * By count alone, 256 requests of a whole message each (394,240 bytes) would be 96 MiB of one
     * connection, reachable where an operator raised the per-account rates (bots, bridges, the
     * benchmarks); the bound in bytes ({@link #PAUSE_AT_BYTES}) pauses such a connection long before,
     * and a room's messages in flight are bounded in bytes as well (chat.RoomBacklog).
     */
    static final int PAUSE_AT = 256;
    /** Reading resumes here: a quarter of the window, as 16 of 64 were. */
    static final int RESUME_AT = 64;
    /**
     * A connection's requests in flight in bytes (their decoded sizes as they arrived), at least: the
     * pause mark is this or the largest message the server accepts ({@code limits.max-message-bytes}),
     * whichever is larger, so a single request of the maximum size never pauses its connection. With
     * the count alone, 256 whole messages (394,240 bytes each by default) were 96 MiB held for one
     * connection; 8 MiB keeps that to 21 whole messages, half a room's bound on its bodies in flight
     * (16 MiB, chat.RoomBacklog), and the default per-account burst of 20 sends stays under it. Chat-sized
     * requests never meet it before the count: 256 in flight reach it only at 32 KiB each, and the
     * benchmarks' 100-byte messages (about 130 bytes as they arrive) hold 33 KB at 256. A sender of
     * whole messages still keeps 21 in flight, some 80 MiB a second at 100 ms each (issue 13, branch bound).
     */
    static final long PAUSE_AT_BYTES = 8L * 1024 * 1024;
    /** Reading resumes when the bytes in flight drop to the pause mark divided by this, as the count resumes at a quarter. */
    static final int RESUME_BYTES_DIVISOR = 4;
    private static final Optional<InFlightBound> COUNT = Optional.of(InFlightBound.COUNT);
    private static final Optional<InFlightBound> BYTES = Optional.of(InFlightBound.BYTES);
    /** Longest pause of reading before the connection is read again and its excess requests refused. */
    static final long MAX_PAUSE_MILLIS = 50;
    /** Events written before a flush, so one drain of a long queue does not hold the event loop. */
    private static final int EVENTS_PER_FLUSH = 256;
    private final Channel channel;
    private final EventLoopHandOffs handOffs;
    private static final Runnable NOTHING = () -> { };
    private final Queue<Entry> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final AtomicLong pendingBytes = new AtomicLong();
    private final AtomicInteger inFlight = new AtomicInteger();
    /** The sizes of the requests in flight, as they arrived. */
    private final AtomicLong inFlightBytes = new AtomicLong();
    /** The largest application message the channel sends ({@code limits.max-message-bytes}). */
    private final int maxMessageBytes;
    /** The pause mark in bytes: {@link #PAUSE_AT_BYTES} or the largest message accepted, whichever is larger. */
    private final long pauseAtBytes;
    private final long resumeAtBytes;
    private final ServerMetrics metrics;
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /** Event loop only. */
    private boolean paused;
    /** Event loop only: the callbacks of one drain, run after its flush; reused so a drain allocates no list. */
    private final List<Runnable> writtenCallbacks = new ArrayList<>();
    /** Event loop only: the timer that ends the current pause. */
    private ScheduledFuture<?> pauseLimit;
    /** Set from a chat lane: the client accepts batch records; read once per drain. */
    private volatile boolean batchRecords;
    /** Event loop only: the messages of the flush being drained, handed down as one {@link OutboundBatch}. */
    private List<Bytes> staged = new ArrayList<>();
    /** Written on the event loop: the pause ran out and requests above the pause mark are refused. */
    private volatile boolean shedding;

    /** With the default maximum message size, no metrics, and drains handed to the event loop one by one (tests). */
    NettySessionLink(Channel channel) {
        this(channel, new EventLoopHandOffs());
    }

    /** Drains handed to the event loop one by one (tests of the bounds). */
    NettySessionLink(Channel channel, int maxMessageBytes, ServerMetrics metrics) {
        this(channel, maxMessageBytes, metrics, new EventLoopHandOffs());
    }

    /** With the default maximum message size and no metrics (tests of the hand-offs). */
    NettySessionLink(Channel channel, EventLoopHandOffs handOffs) {
        this(channel, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, ServerMetrics.off(), handOffs);
    }

    /**
     * @param maxMessageBytes the largest application message the connection accepts ({@code limits.max-message-bytes})
     * @param handOffs hands this link's drains to its event loop, one task per batch when a batch is open
     */
    NettySessionLink(Channel channel, int maxMessageBytes, ServerMetrics metrics, EventLoopHandOffs handOffs) {
        this.channel = channel;
        this.maxMessageBytes = maxMessageBytes;
        this.pauseAtBytes = pauseAtBytes(maxMessageBytes);
        this.resumeAtBytes = pauseAtBytes / RESUME_BYTES_DIVISOR;
        this.metrics = metrics;
        this.handOffs = handOffs;
    }

    /** The pause mark in bytes of a connection that accepts messages of up to {@code maxMessageBytes}. */
    static long pauseAtBytes(int maxMessageBytes) {
        return Math.max(PAUSE_AT_BYTES, maxMessageBytes);
    }

    /**
     * The event's encoding; an answer larger than the channel sends in one message (an operator set
     * {@code limits.max-message-bytes} below it: a device or bundle list of a user with many devices,
     * a page of a membership log) becomes {@code Rejected(request_id, message_too_large)}, so the
     * client learns at once that its request cannot be answered here instead of waiting for an
     * answer the channel would drop (PROTOCOL.md 14.7). Answers that can be cut to fit (history
     * pages, listings) are cut before they get here.
     */
    private Bytes encodeToFit(ChatEvent event) {
        Bytes encoded = ChatCodec.encode(event);
        if (encoded.length() <= maxMessageBytes || !(event instanceof ChatEvent.Answer answer)) {
            return encoded;
        }
        return ChatCodec.encode(new ChatEvent.Rejected(answer.requestId(), ErrorCode.MESSAGE_TOO_LARGE,
                "the answer would be " + encoded.length() + " bytes, more than this server sends in one message ("
                        + maxMessageBytes + ")"));
    }

    @Override
    public void deliver(ChatEvent event) {
        enqueue(List.of(encodeToFit(event)), NOTHING);
    }

    @Override
    public void deliver(ChatEvent event, Bytes encoded) {
        enqueue(List.of(encoded), NOTHING);
    }

    @Override
    public void deliver(ChatEvent event, Bytes encoded, Runnable written) {
        enqueue(List.of(encoded), written);
    }

    @Override
    public void deliverEncoded(List<? extends ChatEvent> events, List<Bytes> encodings, Runnable written) {
        enqueue(encodings, written);
    }

    @Override
    public void deliverAll(List<ChatEvent> events) {
        enqueue(events.stream().map(this::encodeToFit).toList(), NOTHING);
    }

    /** Queues {@code messages}; {@code written} runs once they are written or dropped. */
    private void enqueue(List<Bytes> messages, Runnable written) {
        if (!channel.isActive() || overflowed.get()) {
            written.run();
            return;
        }
        long size = 0;
        for (Bytes message : messages) {
            size += message.length();
        }
        if (pendingBytes.addAndGet(size) > channel.config().getWriteBufferHighWaterMark()) {
            pendingBytes.addAndGet(-size);
            written.run();
            if (overflowed.compareAndSet(false, true)) {
                channel.eventLoop().execute(() -> channel.pipeline().fireUserEventTriggered(new OutboundOverflow()));
            }
            return;
        }
        pending.add(new Entry(messages, written));
        if (scheduled.compareAndSet(false, true)) {
            handOffs.drain(channel.eventLoop(), this);
        }
    }

    @Override
    public void requestStarted(int bytes) {
        long total = inFlightBytes.addAndGet(bytes);
        boolean passedBytes = total > pauseAtBytes && total - bytes <= pauseAtBytes;
        if (inFlight.incrementAndGet() == PAUSE_AT + 1 || passedBytes) {
            onEventLoop(this::applyBackPressure);
        }
    }

    @Override
    public void requestFinished(int bytes) {
        long total = inFlightBytes.addAndGet(-bytes);
        boolean droppedBytes = total <= resumeAtBytes && total + bytes > resumeAtBytes;
        if (inFlight.decrementAndGet() == RESUME_AT || droppedBytes) {
            onEventLoop(this::applyBackPressure);
        }
    }

    /** Runs now when called on the event loop (a request being read: the read loop stops at once), else there. */
    private void onEventLoop(Runnable task) {
        if (channel.eventLoop().inEventLoop()) {
            task.run();
        } else {
            channel.eventLoop().execute(task);
        }
    }

    /**
     * On the event loop: pause above {@link #PAUSE_AT} in flight or above the pause mark's bytes
     * (unless the last pause already ran out), resume once both are at their resume marks or below.
     */
    private void applyBackPressure() {
        Optional<InFlightBound> above = above();
        if (!paused && !shedding && above.isPresent()) {
            paused = true;
            metrics.inFlightPaused(above.get());
            channel.config().setAutoRead(false);
            pauseLimit = channel.eventLoop().schedule(this::pauseRanOut, MAX_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        } else if (drained()) {
            shedding = false;
            if (paused) {
                paused = false;
                pauseLimit.cancel(false);
                channel.config().setAutoRead(true);
            }
        }
    }

    /** The bound the requests in flight are past, the count first; empty when neither. */
    private Optional<InFlightBound> above() {
        if (inFlight.get() > PAUSE_AT) {
            return COUNT;
        }
        return inFlightBytes.get() > pauseAtBytes ? BYTES : Optional.empty();
    }

    /** Whether the requests in flight are down to both resume marks. */
    private boolean drained() {
        return inFlight.get() <= RESUME_AT && inFlightBytes.get() <= resumeAtBytes;
    }

    /** On the event loop: the pause lasted its maximum; read again and refuse the excess instead. */
    private void pauseRanOut() {
        if (paused && !drained()) {
            paused = false;
            shedding = true;
            channel.config().setAutoRead(true);
        }
    }

    @Override
    public void acceptBatchRecords(boolean accepted) {
        batchRecords = accepted;
    }

    @Override
    public Optional<InFlightBound> saturated() {
        return shedding ? above() : Optional.empty();
    }

    @Override
    public void close(String reason) {
        channel.eventLoop().execute(() -> {
            drain();
            channel.pipeline().fireUserEventTriggered(new ServerShutdown(reason));
        });
    }

    /** On the event loop: writes and flushes what is queued, then runs the {@code written} callbacks. */
    void drain() {
        scheduled.set(false);
        boolean batch = batchRecords;
        int written = 0;
        List<Runnable> done = writtenCallbacks;
        Entry entry;
        while ((entry = pending.poll()) != null) {
            long size = 0;
            for (Bytes message : entry.messages()) {
                size += message.length();
                if (channel.isActive()) {
                    if (batch) {
                        staged.add(message);
                    } else {
                        channel.write(message, channel.voidPromise());
                    }
                    written++;
                }
            }
            // One update per entry, not per message: the chat lanes add to this counter from another core.
            pendingBytes.addAndGet(-size);
            if (entry.written() != NOTHING) {
                done.add(entry.written());
            }
            if (written >= EVENTS_PER_FLUSH) {
                writeStaged();
                channel.flush();
                written = 0;
            }
        }
        if (written > 0) {
            writeStaged();
            channel.flush();
        }
        try {
            for (int i = 0; i < done.size(); i++) {
                done.get(i).run();
            }
        } finally {
            done.clear();
        }
    }

    /**
     * Hands the staged messages down as one {@link OutboundBatch} (a lone one as itself). The list
     * goes with it and the next flush stages into a new one: one small list per flush, and nothing
     * down the pipeline ever sees a list that changes under it.
     */
    private void writeStaged() {
        if (staged.size() == 1) {
            channel.write(staged.getFirst(), channel.voidPromise());
            staged.clear();
        } else if (!staged.isEmpty()) {
            List<Bytes> batch = staged;
            // Sized like the last one: a connection's flushes are of similar size under steady load,
            // and growing a list message by message showed in the profile.
            staged = new ArrayList<>(batch.size());
            channel.write(new OutboundBatch(batch), channel.voidPromise());
        }
    }

    /** Messages queued as one unit, and what to run once they are written. */
    private record Entry(List<Bytes> messages, Runnable written) {
    }
}
