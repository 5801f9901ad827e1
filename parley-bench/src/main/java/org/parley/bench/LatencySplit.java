package org.parley.bench;

/**
 * Where a fan-out step's latency went, in microseconds, so that a reader can tell the generator's part
 * from the server's (bench/README.md, "Where the latency went"). Three clocks per message:
 * <ul>
 *   <li>its <b>scheduled</b> time: when the step's rate owed it ({@code start + (k + 1) / rate per sender});
 *   <li>its <b>send</b> time: when the sender's tick took the clock and wrote the stamp the message carries,
 *       just before sealing and handing the tick's messages to Netty (the headline latency counts from here);
 *   <li>the <b>server's</b> time: the {@code timestamp_ms} the Parley server gives a room message when its
 *       room's lane takes it (after reading and admitting it), on the wall clock, converted to this
 *       JVM's {@link System#nanoTime()} (1 ms resolution; none for IRC and Redis).
 * </ul>
 *
 * @param sendLagP50 send time minus scheduled time, per message sent (not sampled): the generator's lateness
 * @param sendLagP99 its 99th percentile
 * @param sendLagMax its largest value (to the histogram's bucket, within 0.8 %)
 * @param fromScheduleP99 receipt minus scheduled time, per delivery (sampled, one in
 *     {@value FanoutSink#SPLIT_SAMPLE}): the latency had the generator's lateness been counted
 * @param toServerP50 the server's time minus send time (sampled): sealing, the generator's and the kernel's
 *     queues, the server's read and admission; -1 without a server time
 * @param toServerP99 its 99th percentile; -1 without a server time
 * @param fromServerP50 receipt minus the server's time (sampled): the server's fan-out and outbound
 *     queue, the kernel's queues, and the generator's reading; -1 without a server time
 * @param fromServerP99 its 99th percentile; -1 without a server time
 * @param queues the most bytes seen waiting in the kernel's queues of the server's connections during the
 *     step, sampled every {@value SocketQueues#PERIOD_MILLIS} ms ({@link SocketQueues}), or unknown
 * @param senderUnsentMax the most bytes one sender had in its own (Netty's) outbound buffer at one of its
 *     ticks, not yet written to its socket because the kernel's send buffer was full; -1 when not known
 * @param windowWaitP99 the time from a message's stamp (its tick, which the headline latency counts from) to its
 *     write, per message sent (not sampled): how long it waited in its sender's queue for the protocol's window
 *     ({@link SendWindow}); part of "send to server's stamp" and of the headline latency, not of the send lag;
 *     -1 when the senders kept no window
 * @param windowWaitMax its largest value; -1 when the senders kept no window
 */
public record LatencySplit(long sendLagP50, long sendLagP99, long sendLagMax, long fromScheduleP99,
        long toServerP50, long toServerP99, long fromServerP50, long fromServerP99, SocketQueues.Totals queues,
        long senderUnsentMax, long windowWaitP99, long windowWaitMax) {

    /** No split measured (a step built elsewhere, e.g. in a test). */
    public static final LatencySplit NONE = new LatencySplit(0, 0, 0, 0, -1, -1, -1, -1, SocketQueues.Totals.UNKNOWN, -1);

    public LatencySplit {
        java.util.Objects.requireNonNull(queues, "queues");
    }

    /** A split of senders that kept no window (the open loop, or a server that does not answer each message). */
    public LatencySplit(long sendLagP50, long sendLagP99, long sendLagMax, long fromScheduleP99, long toServerP50,
            long toServerP99, long fromServerP50, long fromServerP99, SocketQueues.Totals queues, long senderUnsentMax) {
        this(sendLagP50, sendLagP99, sendLagMax, fromScheduleP99, toServerP50, toServerP99, fromServerP50, fromServerP99,
                queues, senderUnsentMax, -1, -1);
    }

    /** Whether the senders kept the protocol's window ({@link SendWindow}), so that their window wait is known. */
    public boolean windowed() {
        return windowWaitP99 >= 0;
    }

    /** Whether the server's own time was seen (Parley), so that the two server-side parts are known. */
    public boolean hasServerTime() {
        return toServerP99 >= 0;
    }
}
