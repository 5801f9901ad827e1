package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.server.ServerLimits;
import org.parley.server.metrics.InFlightBound;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.metrics.ServerMetrics;

/**
 * A connection's requests in flight bounded in bytes as well as in count (issue 13, branch bound):
 * large requests pause and then refuse their connection long before the count would, chat-sized ones
 * never meet the bytes, one request of the maximum size alone never pauses, and each pause and
 * refusal is counted by the bound that caused it.
 */
class NettySessionLinkBytesTest {
    /** A chat-sized request as it arrives: a 100-byte message and its framing, about what the benchmarks send. */
    static final int SMALL = 130;

    @Test
    void aConnectionWhoseLargeMessagesInFlightPassTheByteBoundIsPausedWhileASmallMessageSenderWithAsManyRequestsIsNot() {
        int whole = ServerLimits.DEFAULT_MAX_MESSAGE_BYTES;
        int requests = (int) (NettySessionLink.PAUSE_AT_BYTES / whole) + 1;
        EmbeddedChannel large = new EmbeddedChannel();
        EmbeddedChannel small = new EmbeddedChannel();
        NettySessionLink largeLink = new NettySessionLink(large);
        NettySessionLink smallLink = new NettySessionLink(small);

        for (int i = 0; i < requests - 1; i++) {
            largeLink.requestStarted(whole);
        }
        large.runPendingTasks();
        assertThat(large.config().isAutoRead()).as("%d whole messages: at most the byte mark", requests - 1).isTrue();
        largeLink.requestStarted(whole);
        for (int i = 0; i < requests; i++) {
            smallLink.requestStarted(SMALL);
        }
        large.runPendingTasks();
        small.runPendingTasks();

        assertThat(requests).as("far fewer than the window").isLessThan(NettySessionLink.PAUSE_AT / 8);
        assertThat(large.config().isAutoRead()).as("%d whole messages: past the byte mark", requests).isFalse();
        assertThat(small.config().isAutoRead()).as("%d small ones", requests).isTrue();
    }

    @Test
    void theBenchmarksSmallMessagesFillTheWholeWindowWithoutMeetingTheByteBound() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        NettySessionLink link = new NettySessionLink(channel);
        for (int i = 0; i < NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).isTrue();
        assertThat(link.saturated()).isEmpty();
        assertThat((long) NettySessionLink.PAUSE_AT * SMALL).as("the window's bytes, far under the mark")
                .isLessThan(NettySessionLink.PAUSE_AT_BYTES / 100);
    }

    @Test
    void aSingleWholeMessageNeverPausesItsConnectionEvenWhereTheMaximumMessageIsLargerThanTheByteMark() {
        int largestAllowed = 16 * 1024 * 1024;
        for (int maximum : new int[] {ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, largestAllowed}) {
            EmbeddedChannel channel = new EmbeddedChannel();
            channel.freezeTime();
            NettySessionLink link = new NettySessionLink(channel, maximum, ServerMetrics.off());

            link.requestStarted(maximum);
            channel.runPendingTasks();
            channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS * 2, TimeUnit.MILLISECONDS);
            channel.runScheduledPendingTasks();
            assertThat(channel.config().isAutoRead()).as("one message of %d bytes", maximum).isTrue();
            assertThat(link.saturated()).isEmpty();

            link.requestStarted(SMALL);
            channel.runPendingTasks();
            assertThat(channel.config().isAutoRead()).as("one more request past the mark of %d bytes",
                    NettySessionLink.pauseAtBytes(maximum)).isEqualTo(maximum < NettySessionLink.PAUSE_AT_BYTES);
        }
    }

    @Test
    void aPauseForBytesEndsOnlyOnceTheBytesAreDownToAQuarterOfTheMarkAndTheCountToItsResumeMark() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        int quarter = (int) (NettySessionLink.PAUSE_AT_BYTES / 4);
        for (int i = 0; i < 5; i++) {
            link.requestStarted(quarter);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("five quarters of the mark").isFalse();

        for (int i = 0; i < 3; i++) {
            link.requestFinished(quarter);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("two quarters: still paused, though 2 requests are far under the count's mark")
                .isFalse();

        link.requestFinished(quarter);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("one quarter: read again").isTrue();
    }

    @Test
    void aPauseForBytesThatRunsOutRefusesTheExcessUnderTheByteBoundAndBothAreCounted() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        MicrometerServerMetrics metrics = new MicrometerServerMetrics();
        int whole = ServerLimits.DEFAULT_MAX_MESSAGE_BYTES;
        NettySessionLink link = new NettySessionLink(channel, whole, metrics);
        int requests = (int) (NettySessionLink.PAUSE_AT_BYTES / whole) + 1;
        for (int i = 0; i < requests; i++) {
            link.requestStarted(whole);
        }
        channel.runPendingTasks();
        assertThat(link.saturated()).as("a pause comes first").isEmpty();

        channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();

        assertThat(channel.config().isAutoRead()).as("the pause ran out: read again").isTrue();
        assertThat(link.saturated()).contains(InFlightBound.BYTES);
        assertThat(metrics.scrape()).contains("parley_in_flight_pauses_total{condition=\"bytes\"} 1.0")
                .contains("parley_in_flight_pauses_total{condition=\"count\"} 0.0");
        link.requestFinished(whole);
        assertThat(link.saturated()).as("back at the byte mark a request is taken again").isEmpty();
    }

    @Test
    void aPauseForTheCountIsCountedUnderTheCount() {
        EmbeddedChannel channel = new EmbeddedChannel();
        MicrometerServerMetrics metrics = new MicrometerServerMetrics();
        NettySessionLink link = new NettySessionLink(channel, ServerLimits.DEFAULT_MAX_MESSAGE_BYTES, metrics);
        for (int i = 0; i <= NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();

        assertThat(channel.config().isAutoRead()).isFalse();
        assertThat(metrics.scrape()).contains("parley_in_flight_pauses_total{condition=\"count\"} 1.0")
                .contains("parley_in_flight_pauses_total{condition=\"bytes\"} 0.0");
    }
}
