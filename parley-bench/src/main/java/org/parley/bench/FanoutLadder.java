package org.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a fan-out ladder on members that are already in their room: the senders offer each rate
 * for a window, the {@link FanoutSink} counts what every other member received, and the server's
 * and this generator's CPU come from /proc.
 *
 * <p>Senders are paced by a 1 ms tick on their own event loop: each tick sends what the rate owes
 * so far in one write, so a step offers its rate whether or not the server keeps up (an open loop:
 * a slow server shows as latency and loss, not as a politely lower rate). A tick that runs late (the
 * event loop busy reading, or the thread not scheduled) sends what it owes at once, stamped with the
 * time it ran: the latency counts from that stamp, and how late each message was on its schedule is
 * measured apart ({@link LatencySplit}), so that the generator's lateness is seen, not hidden or
 * charged to the server.
 */
public final class FanoutLadder {
    private final FanoutSettings settings;
    private final ProcessCpu server;
    private final List<? extends RoomMember> senders;
    private final FanoutSink sink;
    private final double warmUpRate;
    private final ServerCounters counters;
    private final SocketQueues queues;
    private int step;

    /**
     * @param senders the sending members; sender {@code i} must also be receiver {@code i} of the sink
     *     if the server echoes a message to its sender, so that the echo is not counted
     */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink) {
        this(settings, server, senders, sink, 0);
    }

    /**
     * As above, with the warm-up offered at {@code warmUpRate} messages a second (0: at the first
     * step's rate). A low-rate step (the echo's 20 a second) offers too few messages in its warm-up
     * for the JIT to compile anything, so it would measure a JVM server's interpreter and a C
     * server's steady state; a short warm-up at a higher rate measures both warm.
     */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink,
            double warmUpRate) {
        this(settings, server, senders, sink, warmUpRate, ServerCounters.none());
    }

    /** As above, with the server's refusal {@code counters} read before and after each step. */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink,
            double warmUpRate, ServerCounters counters) {
        this(settings, server, senders, sink, warmUpRate, counters, null);
    }

    /**
     * As above, with the kernel's queues of the server's connections sampled during each step
     * ({@code queues}; null: not sampled).
     */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink,
            double warmUpRate, ServerCounters counters, SocketQueues queues) {
        this.queues = queues;
        this.counters = counters;
        if (warmUpRate < 0) {
            throw new IllegalArgumentException("the warm-up rate cannot be negative");
        }
        this.warmUpRate = warmUpRate;
        this.settings = settings;
        this.server = server;
        this.senders = List.copyOf(senders);
        this.sink = sink;
    }

    /** Runs the warm-up (unreported) and the ladder; returns one result per step run. */
    public List<FanoutStep> run() throws InterruptedException {
        if (settings.warmUpSeconds() > 0) {
            // Lets the JIT compile both sides' hot paths before the first measured step.
            step(warmUpRate > 0 ? warmUpRate : settings.rates().getFirst(), settings.warmUpSeconds());
            Thread.sleep(500);
        }
        List<FanoutStep> steps = new ArrayList<>();
        int failedInARow = 0;
        for (double rate : settings.rates()) {
            FanoutStep result = step(rate, settings.seconds());
            steps.add(result);
            failedInARow = result.keptUp() ? 0 : failedInARow + 1;
            if (settings.untilSaturated() && failedInARow == FanoutSettings.FAILED_STEPS_TO_STOP) {
                break;
            }
            Thread.sleep(500); // let the queues of the previous step drain before the next
        }
        return steps;
    }

    private FanoutStep step(double rate, double seconds) throws InterruptedException {
        int stepId = ++step;
        sink.startStep(stepId);
        double perSender = rate / senders.size();
        long windowNanos = (long) (seconds * 1e9);
        long perSenderTotal = Math.round(seconds * perSender);
        AtomicLong sent = new AtomicLong();
        long totalToSend = perSenderTotal * senders.size();
        CountDownLatch allSent = new CountDownLatch(totalToSend == 0 ? 0 : 1);
        Map<String, Long> countersBefore = counters.read();
        long serverStart = server.cpuNanos();
        long selfStart = ProcessCpu.self().cpuNanos();
        if (queues != null) {
            queues.takePeak(); // what the last step's grace and the pause left is not this step's
        }
        long start = System.nanoTime();
        List<ScheduledFuture<?>> tickers = new ArrayList<>();
        for (int s = 0; s < senders.size(); s++) {
            RoomMember sender = senders.get(s);
            int senderIndex = s;
            long[] done = {0};
            tickers.add(sender.eventLoop().scheduleAtFixedRate(() -> {
                long elapsed = System.nanoTime() - start;
                long owed = Math.min(perSenderTotal, (long) (elapsed / 1e9 * perSender)) - done[0];
                sink.senderUnsent(sender.unsentBytes());
                if (owed > 0) {
                    List<byte[]> bodies = new ArrayList<>((int) owed);
                    long now = System.nanoTime();
                    for (long i = 0; i < owed; i++) {
                        // Each message carries how late it is on its schedule; the headline latency counts from now.
                        long lag = Math.max(0, now - scheduled(start, done[0] + i, perSender));
                        sink.sent(lag);
                        bodies.add(FanoutSink.body(stepId, senderIndex, now, lag / 1000, settings.size()));
                    }
                    sender.send(bodies);
                    done[0] += owed;
                    if (sent.addAndGet(owed) == totalToSend) {
                        allSent.countDown();
                    }
                }
            }, 0, 1, TimeUnit.MILLISECONDS));
        }
        // Wait for the window; a ticker delayed by a busy machine catches up on its next tick.
        long sendDeadline = start + windowNanos + 1_000_000_000L;
        allSent.await(sendDeadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        tickers.forEach(t -> t.cancel(false));
        long expected = sent.get() * (settings.members() - 1);
        // The CPU window ends once every message not refused has been delivered (or the grace ran out):
        // waiting out the grace for refused messages' deliveries diluted srv/gen cores at such steps.
        sink.awaitReachable(sent.get(), settings.members() - 1, (long) (settings.graceSeconds() * 1e9));
        long elapsed = System.nanoTime() - start;
        long serverCpu = server.cpuNanos() - serverStart;
        long selfCpu = ProcessCpu.self().cpuNanos() - selfStart;
        LatencyHistogram h = sink.latencies();
        return new FanoutStep(rate, seconds, sent.get(), sink.accepted(), sink.rejected(), expected,
                sink.delivered(), h.percentile(0.50), h.percentile(0.99), h.percentile(0.999), serverCpu, selfCpu, elapsed,
                sink.refusals(), increase(countersBefore, counters.read()),
                sink.split(queues == null ? SocketQueues.Totals.UNKNOWN : queues.takePeak()));
    }

    /**
     * When a sender's message number {@code index} (from 0) is due: the tick sends it once
     * {@code (index + 1) / perSecond} seconds of the window have passed, so even a punctual 1 ms tick
     * sends a message up to 1 ms after this time.
     */
    static long scheduled(long startNanos, long index, double perSecond) {
        return startNanos + (long) ((index + 1) * 1e9 / perSecond);
    }

    /** What each counter rose by from {@code before} to {@code after}; counters that did not rise are left out. */
    static Map<String, Long> increase(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> rise = new TreeMap<>();
        after.forEach((name, value) -> {
            long by = value - before.getOrDefault(name, 0L);
            if (by > 0) {
                rise.put(name, by);
            }
        });
        return rise;
    }
}
