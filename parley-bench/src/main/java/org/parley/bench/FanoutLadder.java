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
 *
 * <p>Senders whose server answers each message (Parley) keep the protocol's window by default
 * ({@link Pacing#PROTOCOL}, {@link SendWindow}): at most 64 messages unanswered, then a queue of 64 in
 * order; a message due while both are full is held back, not sent, and counted against the step like a
 * refusal. A queued message keeps the stamp its tick gave it, so the headline latency includes its wait
 * for the window (no coordinated omission). {@link Pacing#OPEN_LOOP} sends everything when it is due.
 *
 * <p>A back-to-back ladder ({@link Pacing#backToBack()}, the overload sequence of issue 13 §3) starts each
 * step as the last one's window ends, without waiting for its deliveries: the last step's stragglers still
 * count for it ({@link FanoutSink}), and each step's latencies are also kept per 100 ms of its schedule
 * ({@link FanoutStep#timelineP99s()}), from which {@link OverloadSummary} reads the recovery.
 */
public final class FanoutLadder {
    /**
     * How senders pace their messages beyond their schedule.
     *
     * @param window the most messages a sender keeps unanswered (0: no window, the open loop); only
     *     senders whose server answers each message ({@link RoomMember#answersEachMessage()}) keep it
     * @param queue the most messages a sender queues behind a full window before it holds one back
     * @param backToBack whether each step starts as the last one's window ends (no wait for its deliveries, no pause)
     */
    public record Pacing(int window, int queue, boolean backToBack) {
        /** Everything sent when due, steps apart: the ladder as it was before issue 13 §3. */
        public static final Pacing OPEN_LOOP = new Pacing(0, 0, false);
        /** The protocol's window of 64 (docs/PROTOCOL.md 14.7) and a queue of 64, steps apart. */
        public static final Pacing PROTOCOL = new Pacing(SendWindow.PROTOCOL_WINDOW, SendWindow.DEFAULT_QUEUE, false);

        public Pacing {
            new SendWindow<>(window, queue); // checks them
        }

        /** The same pacing, back to back. */
        public Pacing backToBackSteps() {
            return new Pacing(window, queue, true);
        }
    }

    /** A message due: its body, stamped at {@code stampNanos} by a tick of step {@code step}. */
    private record Due(byte[] body, long stampNanos, int step) {
    }

    private final FanoutSettings settings;
    private final ProcessCpu server;
    private final List<? extends RoomMember> senders;
    private final FanoutSink sink;
    private final List<Double> warmUpRates;
    private final ServerCounters counters;
    private final SocketQueues queues;
    private final Pacing pacing;
    /** Each sender's window, kept across steps: answers to one step's messages open it in the next. */
    private final List<SendWindow<Due>> windows;
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
        this(settings, server, senders, sink, warmUpRate, counters, queues, Pacing.OPEN_LOOP);
    }

    /** As above, paced by {@code pacing}. */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink,
            double warmUpRate, ServerCounters counters, SocketQueues queues, Pacing pacing) {
        this(settings, server, senders, sink, List.of(warmUpRate), counters, queues, pacing);
    }

    /**
     * As above, with a warm-up of one step per rate of {@code warmUpRates} (each {@link FanoutSettings#warmUpSeconds()}
     * long and unreported, in order; a rate of 0 is the first step's), so that a ladder's top step can be
     * run alone on a fresh server after steps below it, as the ladder would have run them.
     */
    public FanoutLadder(FanoutSettings settings, ProcessCpu server, List<? extends RoomMember> senders, FanoutSink sink,
            List<Double> warmUpRates, ServerCounters counters, SocketQueues queues, Pacing pacing) {
        this.queues = queues;
        this.counters = counters;
        if (warmUpRates.isEmpty() || warmUpRates.stream().anyMatch(rate -> !(rate >= 0))) {
            throw new IllegalArgumentException("the warm-up needs at least one rate, none negative: " + warmUpRates);
        }
        this.warmUpRates = List.copyOf(warmUpRates);
        this.settings = settings;
        this.server = server;
        this.senders = List.copyOf(senders);
        this.sink = sink;
        this.pacing = pacing;
        this.windows = new ArrayList<>();
        for (RoomMember sender : this.senders) {
            SendWindow<Due> window = pacing.window() > 0 && sender.answersEachMessage()
                    ? new SendWindow<>(pacing.window(), pacing.queue()) : SendWindow.openLoop();
            windows.add(window);
            if (!window.open()) {
                boolean[] releaseQueued = {false};
                sender.onAnswer(() -> {
                    window.answered();
                    // One write for the messages every answer of this read lets out, not one per answer.
                    if (window.queued() > 0 && !releaseQueued[0]) {
                        releaseQueued[0] = true;
                        sender.eventLoop().execute(() -> {
                            releaseQueued[0] = false;
                            List<Due> sendNow = new ArrayList<>();
                            window.release(sendNow);
                            write(sender, window, sendNow);
                        });
                    }
                });
            }
        }
    }

    /** Runs the warm-up (unreported) and the ladder; returns one result per step run. */
    public List<FanoutStep> run() throws InterruptedException {
        if (settings.warmUpSeconds() > 0) {
            // Lets the JIT compile both sides' hot paths before the first measured step.
            for (double warmUpRate : warmUpRates) {
                Running warmUp = begin(warmUpRate > 0 ? warmUpRate : settings.rates().getFirst(), settings.warmUpSeconds(), false);
                awaitWindow(warmUp);
                awaitDeliveries(warmUp);
                printCompilerCpu("warm-up step", warmUp.rate, compilerNanosSince(warmUp), server.cpuNanos() - warmUp.serverStart,
                        System.nanoTime() - warmUp.start);
                Thread.sleep(500);
            }
        }
        List<FanoutStep> steps = new ArrayList<>();
        int failedInARow = 0;
        Running last = null;
        for (double rate : settings.rates()) {
            Running running = begin(rate, settings.seconds(), pacing.backToBack());
            awaitWindow(running);
            if (pacing.backToBack()) {
                stopClock(running); // the next step starts now; this one's stragglers still count for it
                if (last != null) {
                    steps.add(result(last));
                }
                last = running;
                continue;
            }
            awaitDeliveries(running);
            stopClock(running);
            FanoutStep result = result(running);
            steps.add(result);
            failedInARow = result.keptUp() ? 0 : failedInARow + 1;
            if (settings.untilSaturated() && failedInARow == FanoutSettings.FAILED_STEPS_TO_STOP) {
                break;
            }
            Thread.sleep(500); // let the queues of the previous step drain before the next
        }
        if (last != null) {
            awaitDeliveries(last);
            steps.add(result(last));
        }
        return steps;
    }

    /** A step being offered, and then what it measured. */
    private static final class Running {
        int id;
        double rate;
        double seconds;
        StepTally counted;
        long start;
        long windowNanos;
        Map<String, Long> countersBefore;
        Map<String, Long> countersAfter;
        long serverStart;
        /** The server's JIT compiler threads' CPU at the step's start ({@link ProcessCpu#compilerSnapshot}). */
        Map<Long, Long> compilerStart;
        /** Their CPU over the step, -1 for a server without them. */
        long compilerCpu = -1;
        long selfStart;
        long serverCpu;
        long selfCpu;
        long elapsed;
        SocketQueues.Totals peak = SocketQueues.Totals.UNKNOWN;
        final List<ScheduledFuture<?>> tickers = new ArrayList<>();
        /** Messages the ticks took: sent, queued behind a window, or held back. */
        final AtomicLong offered = new AtomicLong();
        final AtomicLong held = new AtomicLong();
        long totalToSend;
        CountDownLatch allSent;
    }

    private Running begin(double rate, double seconds, boolean timeline) {
        Running r = new Running();
        r.id = ++step;
        r.rate = rate;
        r.seconds = seconds;
        sink.startStep(r.id, timeline);
        r.counted = sink.current();
        double perSender = rate / senders.size();
        r.windowNanos = (long) (seconds * 1e9);
        long perSenderTotal = Math.round(seconds * perSender);
        r.totalToSend = perSenderTotal * senders.size();
        r.allSent = new CountDownLatch(r.totalToSend == 0 ? 0 : 1);
        r.countersBefore = counters.read();
        r.serverStart = server.cpuNanos();
        r.compilerStart = server.compilerSnapshot();
        r.selfStart = ProcessCpu.self().cpuNanos();
        if (queues != null) {
            queues.takePeak(); // what the last step's grace and the pause left is not this step's
        }
        long start = System.nanoTime();
        r.start = start;
        int stepId = r.id;
        for (int s = 0; s < senders.size(); s++) {
            RoomMember sender = senders.get(s);
            SendWindow<Due> window = windows.get(s);
            int senderIndex = s;
            long[] done = {0};
            r.tickers.add(sender.eventLoop().scheduleAtFixedRate(() -> {
                long elapsed = System.nanoTime() - start;
                long owed = Math.min(perSenderTotal, (long) (elapsed / 1e9 * perSender)) - done[0];
                sink.senderUnsent(sender.unsentBytes());
                if (owed > 0) {
                    List<Due> due = new ArrayList<>((int) owed);
                    long now = System.nanoTime();
                    for (long i = 0; i < owed; i++) {
                        // Each message carries how late it is on its schedule; the headline latency counts from now.
                        long lag = Math.max(0, now - scheduled(start, done[0] + i, perSender));
                        sink.sent(lag);
                        due.add(new Due(FanoutSink.body(stepId, senderIndex, now, lag / 1000, settings.size()), now, stepId));
                    }
                    List<Due> sendNow = window.open() ? due : new ArrayList<>(due.size());
                    int held = window.open() ? 0 : window.offer(due, sendNow);
                    for (int i = 0; i < held; i++) {
                        sink.held();
                    }
                    r.held.addAndGet(held);
                    write(sender, window, sendNow);
                    done[0] += owed;
                    if (r.offered.addAndGet(owed) == r.totalToSend) {
                        r.allSent.countDown();
                    }
                }
            }, 0, 1, TimeUnit.MILLISECONDS));
        }
        return r;
    }

    /** Writes {@code sendNow} in one write; behind a window, counts how long each waited for it since its stamp. */
    private void write(RoomMember sender, SendWindow<Due> window, List<Due> sendNow) {
        if (sendNow.isEmpty()) {
            return;
        }
        List<byte[]> bodies = new ArrayList<>(sendNow.size());
        long now = window.open() ? 0 : System.nanoTime();
        for (Due due : sendNow) {
            bodies.add(due.body());
            if (!window.open()) {
                sink.windowWait(due.step(), now - due.stampNanos());
            }
        }
        sender.send(bodies);
    }

    /** Waits for the step's window; a ticker delayed by a busy machine catches up on its next tick. */
    private static void awaitWindow(Running r) throws InterruptedException {
        long sendDeadline = r.start + r.windowNanos + 1_000_000_000L;
        r.allSent.await(sendDeadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        r.tickers.forEach(t -> t.cancel(false));
    }

    /**
     * The CPU window ends once every message not refused (or held back) has been delivered (or the grace
     * ran out): waiting out the grace for refused messages' deliveries diluted srv/gen cores at such steps.
     */
    private void awaitDeliveries(Running r) throws InterruptedException {
        r.counted.awaitReachable(r.offered.get() - r.held.get(), settings.members() - 1,
                (long) (settings.graceSeconds() * 1e9));
    }

    private void stopClock(Running r) {
        r.elapsed = System.nanoTime() - r.start;
        r.serverCpu = server.cpuNanos() - r.serverStart;
        r.compilerCpu = compilerNanosSince(r);
        r.selfCpu = ProcessCpu.self().cpuNanos() - r.selfStart;
        r.countersAfter = counters.read();
        r.peak = queues == null ? SocketQueues.Totals.UNKNOWN : queues.takePeak();
    }

    /**
     * Prints how much of the server's CPU over a step its JIT compiler threads took (a JVM server only): a server
     * still compiling its hot paths is not yet warm, whatever its rate, and that CPU counts in its µs per delivery.
     */
    private static void printCompilerCpu(String what, double rate, long compilerNanos, long serverNanos, long elapsedNanos) {
        if (compilerNanos >= 0) {
            System.out.printf(java.util.Locale.ROOT, "# %s at %.0f msg/s: the server's JIT compiler threads used %.0f ms of"
                    + " its %.0f ms of CPU over %.1f s%n", what, rate, compilerNanos / 1e6, serverNanos / 1e6, elapsedNanos / 1e9);
        }
    }

    /** The server's JIT compiler CPU since the step began, or -1 for a server without compiler threads (a peer). */
    private long compilerNanosSince(Running r) {
        return r.compilerStart.isEmpty() ? -1 : server.compilerNanosSince(r.compilerStart);
    }

    private FanoutStep result(Running r) {
        printCompilerCpu("step", r.rate, r.compilerCpu, r.serverCpu, r.elapsed);
        StepTally c = r.counted;
        long held = r.held.get();
        long sent = r.offered.get() - held;
        long expected = r.offered.get() * (settings.members() - 1);
        LatencyHistogram h = c.latencies();
        List<Long> timeline = new ArrayList<>();
        for (long p99 : c.timelineP99s()) {
            timeline.add(p99);
        }
        return new FanoutStep(r.rate, r.seconds, sent, c.accepted(), c.rejected(), held, expected,
                c.delivered(), h.percentile(0.50), h.percentile(0.99), h.percentile(0.999), r.serverCpu, r.selfCpu,
                r.elapsed, c.refusals(), increase(r.countersBefore, r.countersAfter), c.split(r.peak), timeline);
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
