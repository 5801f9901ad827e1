package org.parley.server.log;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.UnsynchronizedAppenderBase;
import ch.qos.logback.core.spi.AppenderAttachable;
import ch.qos.logback.core.spi.AppenderAttachableImpl;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A Logback appender that hands each line to one writer thread through a bounded queue, so that
 * a thread that logs (a Netty event loop, a pool thread) never waits for the console's I/O. When
 * the queue is full the line is dropped, not waited for, and counted; the writer then writes
 * "N log lines dropped" (WARN) before the next line it writes, so the console says where it has
 * a gap. The lines written keep the order in which they were logged.
 *
 * <p>Configured in {@code logback.xml} around the console appender ({@code capacity}: lines
 * queued at most, default {@value #DEFAULT_CAPACITY}). {@link #flush} waits for the queue to
 * empty; {@link #stop} writes what is queued, then stops the appenders it holds.
 *
 * <p>Why (issue 13): a key-login connection logs four console lines, each a synchronous write
 * under the console appender's lock on the thread that logged it. The writer drains the queue in
 * batches and, while lines keep coming, looks again every {@value #BUSY_POLL_MILLIS} ms instead
 * of being woken for each line, so a line costs the thread that logs it a queue offer, not a
 * thread wake-up (strace of the key-login benchmark: futex calls were the most frequent system
 * call per connection).
 */
public final class BoundedAsyncAppender extends UnsynchronizedAppenderBase<ILoggingEvent>
        implements AppenderAttachable<ILoggingEvent> {
    public static final int DEFAULT_CAPACITY = 8_192;
    /** How soon the writer looks again after writing a batch (lines wait at most about this long). */
    static final long BUSY_POLL_MILLIS = 20;
    /** The longest the writer parks with nothing queued (a line wakes it sooner). */
    private static final long IDLE_PARK_MILLIS = 1_000;
    private static final int BATCH = 256;
    private final AppenderAttachableImpl<ILoggingEvent> appenders = new AppenderAttachableImpl<>();
    /** Lines dropped and not yet reported by a notice. */
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong droppedTotal = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    /** Accepted lines written so far; guarded by {@code this}. */
    private long written;
    private int capacity = DEFAULT_CAPACITY;
    private BlockingQueue<ILoggingEvent> queue;
    private Thread writer;
    /** Set by the writer before it parks with nothing queued: the next line unparks it. */
    private volatile boolean writerIdle;
    private volatile boolean stopping;

    public void setCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
    }

    @Override
    public void start() {
        if (isStarted()) {
            return;
        }
        queue = new ArrayBlockingQueue<>(capacity);
        writer = Thread.ofPlatform().daemon().name("parley-log-writer").unstarted(this::writeLoop);
        super.start();
        writer.start();
    }

    @Override
    protected void append(ILoggingEvent event) {
        // Formats the message and captures the thread name and MDC now, as the writer runs later.
        event.prepareForDeferredProcessing();
        if (queue.offer(event)) {
            accepted.incrementAndGet();
            if (writerIdle) {
                writerIdle = false;
                LockSupport.unpark(writer);
            }
        } else {
            dropped.incrementAndGet();
            droppedTotal.incrementAndGet();
        }
    }

    /** Lines dropped so far because the queue was full. */
    public long dropped() {
        return droppedTotal.get();
    }

    /**
     * Waits until every line accepted so far is written, at most {@code timeoutMillis}.
     *
     * @return true if they were written in time
     */
    public boolean flush(long timeoutMillis) throws InterruptedException {
        long target = accepted.get();
        LockSupport.unpark(writer);
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (this) {
            while (written < target) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }
        return true;
    }

    @Override
    public void stop() {
        if (!isStarted()) {
            return;
        }
        super.stop();
        stopping = true;
        LockSupport.unpark(writer);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        appenders.detachAndStopAllAppenders();
    }

    /**
     * Writes what is queued, in batches. While lines keep coming the writer looks again every
     * {@value #BUSY_POLL_MILLIS} ms without being woken; only the first line after a quiet spell
     * wakes it ({@code writerIdle}). A thread that logs therefore pays a thread wake-up once per
     * quiet spell instead of once per line (issue 13: four lines per key-login connection).
     */
    private void writeLoop() {
        List<ILoggingEvent> batch = new ArrayList<>(BATCH);
        while (!stopping) {
            if (queue.drainTo(batch, BATCH) > 0) {
                writeAll(batch);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(BUSY_POLL_MILLIS));
                continue;
            }
            writerIdle = true;
            if (queue.isEmpty() && !stopping) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(IDLE_PARK_MILLIS));
            }
            writerIdle = false;
        }
        while (queue.drainTo(batch, BATCH) > 0) {
            writeAll(batch);
        }
    }

    private void writeAll(List<ILoggingEvent> batch) {
        batch.forEach(this::write);
        batch.clear();
    }

    private void write(ILoggingEvent event) {
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            appenders.appendLoopOnAppenders(droppedNotice(lost));
        }
        appenders.appendLoopOnAppenders(event);
        synchronized (this) {
            written++;
            notifyAll();
        }
    }

    private ILoggingEvent droppedNotice(long lost) {
        LoggingEvent notice = new LoggingEvent(BoundedAsyncAppender.class.getName(),
                ((LoggerContext) getContext()).getLogger(ConsoleLog.LOGGER_NAME), Level.WARN,
                "{} log lines dropped: the log writer fell behind (queue of {} full)", null,
                new Object[] {lost, capacity});
        notice.prepareForDeferredProcessing();
        return notice;
    }

    @Override
    public void addAppender(Appender<ILoggingEvent> appender) {
        appenders.addAppender(appender);
    }

    @Override
    public Iterator<Appender<ILoggingEvent>> iteratorForAppenders() {
        return appenders.iteratorForAppenders();
    }

    @Override
    public Appender<ILoggingEvent> getAppender(String name) {
        return appenders.getAppender(name);
    }

    @Override
    public boolean isAttached(Appender<ILoggingEvent> appender) {
        return appenders.isAttached(appender);
    }

    @Override
    public void detachAndStopAllAppenders() {
        appenders.detachAndStopAllAppenders();
    }

    @Override
    public boolean detachAppender(Appender<ILoggingEvent> appender) {
        return appenders.detachAppender(appender);
    }

    @Override
    public boolean detachAppender(String name) {
        return appenders.detachAppender(name);
    }
}
