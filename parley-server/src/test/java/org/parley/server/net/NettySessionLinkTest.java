package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.metrics.InFlightBound;
import org.parley.server.metrics.ServerMetrics;

/**
 * The per-connection delivery queue (issue 13 §3): a connection with too many requests in flight
 * stops being read until they drain, and a connection that does not take its events fast
 * enough is flagged as a slow reader once its queue passes the outbound limit, with nothing more
 * queued for it.
 */
class NettySessionLinkTest {
    /** A chat-sized request as it arrives (NettySessionLinkBytesTest has large ones). */
    private static final int SMALL = NettySessionLinkBytesTest.SMALL;

    /** Records user events that reach the end of the pipeline. */
    private static final class UserEvents extends ChannelInboundHandlerAdapter {
        final List<Object> seen = new ArrayList<>();

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object event) {
            seen.add(event);
        }
    }

    @Test
    void aSenderWithTooManyRequestsInFlightIsNotReadUntilTheyDrainToTheResumeMark() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);

        for (int i = 0; i < NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("at the pause mark").isTrue();

        link.requestStarted(SMALL);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("one above the pause mark").isFalse();

        for (int i = NettySessionLink.PAUSE_AT + 1; i > NettySessionLink.RESUME_AT + 1; i--) {
            link.requestFinished(SMALL);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("one above the resume mark").isFalse();

        link.requestFinished(SMALL);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("at the resume mark").isTrue();
    }

    @Test
    void aSenderWithSixtyFiveRequestsInFlightWhichTheOldWindowPausedIsStillRead() {
        // At 4,000 requests a second and 16-30 ms until each is answered (the group commit's
        // fsync), a sender holds 64-120 requests in flight.
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        NettySessionLink link = new NettySessionLink(channel);
        for (int i = 0; i < 120; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).as("120 in flight: read").isTrue();
        assertThat(link.saturated()).as("120 in flight: nothing refused").isEmpty();
        assertThat(NettySessionLink.PAUSE_AT).as("the window covers them twice over").isGreaterThanOrEqualTo(2 * 120);
    }

    @Test
    void aPauseThatRunsOutResumesReadingAndMakesTheConnectionRefuseItsExcessRequestsUntilTheResumeMark() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        NettySessionLink link = new NettySessionLink(channel);
        for (int i = 0; i <= NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("paused").isFalse();
        assertThat(link.saturated()).as("a pause comes first").isEmpty();

        channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS - 1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).as("just before the pause limit").isFalse();

        channel.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(channel.config().isAutoRead()).as("the pause ran out: read again").isTrue();
        assertThat(link.saturated()).as("and refuse what is above the pause mark").contains(InFlightBound.COUNT);

        link.requestFinished(SMALL);
        assertThat(link.saturated()).as("at the pause mark a request is taken again").isEmpty();
        link.requestStarted(SMALL);
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("no new pause while refusing").isTrue();
        assertThat(link.saturated()).contains(InFlightBound.COUNT);

        for (int i = NettySessionLink.PAUSE_AT + 1; i > NettySessionLink.RESUME_AT; i--) {
            link.requestFinished(SMALL);
        }
        channel.runPendingTasks();
        assertThat(link.saturated()).isEmpty();
        for (int i = NettySessionLink.RESUME_AT; i <= NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).as("after the resume mark, a pause comes first again").isFalse();
        assertThat(link.saturated()).isEmpty();
    }

    @Test
    void aPauseThatDrainsToTheResumeMarkInTimeNeverRefusesAnything() {
        EmbeddedChannel channel = new EmbeddedChannel();
        channel.freezeTime();
        NettySessionLink link = new NettySessionLink(channel);
        for (int i = 0; i <= NettySessionLink.PAUSE_AT; i++) {
            link.requestStarted(SMALL);
        }
        channel.runPendingTasks();
        for (int i = NettySessionLink.PAUSE_AT + 1; i > NettySessionLink.RESUME_AT; i--) {
            link.requestFinished(SMALL);
        }
        channel.runPendingTasks();
        assertThat(channel.config().isAutoRead()).isTrue();

        channel.advanceTimeBy(NettySessionLink.MAX_PAUSE_MILLIS * 2, TimeUnit.MILLISECONDS);
        channel.runScheduledPendingTasks();
        assertThat(link.saturated()).as("the cancelled pause limit does not fire").isEmpty();
    }

    @Test
    void eventsQueuedPastTheOutboundLimitAreDroppedAndTheConnectionIsFlaggedAsASlowReaderOnce() {
        UserEvents events = new UserEvents();
        EmbeddedChannel channel = new EmbeddedChannel(events);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 2048));
        NettySessionLink link = new NettySessionLink(channel);
        ChatEvent notice = new ChatEvent.Notice("x".repeat(500));
        Bytes encoded = ChatCodec.encode(notice);

        for (int i = 0; i < 10; i++) {
            link.deliver(notice, encoded);
        }
        channel.runPendingTasks();

        List<Object> written = new ArrayList<>();
        Object out;
        while ((out = channel.readOutbound()) != null) {
            written.add(out);
        }
        assertThat(written).hasSize(2048 / encoded.length()).allMatch(encoded::equals);
        assertThat(events.seen).containsExactly(new OutboundOverflow());

        link.deliver(notice, encoded);
        channel.runPendingTasks();
        assertThat(channel.<Object>readOutbound()).as("nothing more is queued for a slow reader").isNull();
        assertThat(events.seen).hasSize(1);
    }

    @Test
    void eventsQueuedWithinTheLimitAreWrittenInOrderAndFlushedTogether() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        List<ChatEvent> sent = List.of(new ChatEvent.Notice("one"), new ChatEvent.Notice("two"), new ChatEvent.Notice("three"));

        link.deliver(sent.get(0));
        link.deliverAll(sent.subList(1, 3));
        channel.runPendingTasks();

        assertThat(List.<Object>of(channel.readOutbound(), channel.readOutbound(), channel.readOutbound()))
                .containsExactlyElementsOf(sent.stream().map(ChatCodec::encode).map(Object.class::cast).toList());
    }

    @Test
    void aRoomMessageCountsAsWrittenOnlyOnceTheEventLoopWroteItOrTheConnectionIsGone() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        ChatEvent notice = new ChatEvent.Notice("fan-out");
        Bytes encoded = ChatCodec.encode(notice);
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

        link.deliver(notice, encoded, written::incrementAndGet);
        assertThat(written.get()).as("queued, not yet written by the event loop").isZero();
        channel.runPendingTasks();
        assertThat(written.get()).isEqualTo(1);
        assertThat(channel.<Object>readOutbound()).isEqualTo(encoded);

        channel.close();
        link.deliver(notice, encoded, written::incrementAndGet);
        assertThat(written.get()).as("a closed connection drops it at once").isEqualTo(2);
    }

    @Test
    void theRoomMessagesOfOneGroupAreWrittenInOrderAndCountAsWrittenOnceAllOfThemAre() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        List<ChatEvent> group = List.of(new ChatEvent.Notice("one"), new ChatEvent.Notice("two"), new ChatEvent.Notice("three"));
        List<Bytes> encoded = group.stream().map(ChatCodec::encode).toList();
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

        link.deliverEncoded(group, encoded, written::incrementAndGet);
        link.deliver(new ChatEvent.Notice("after"));
        assertThat(written.get()).as("queued, not yet written by the event loop").isZero();
        channel.runPendingTasks();

        assertThat(written.get()).as("one callback for the whole group").isEqualTo(1);
        assertThat(List.<Object>of(channel.readOutbound(), channel.readOutbound(), channel.readOutbound(),
                channel.readOutbound())).containsExactly(encoded.get(0), encoded.get(1), encoded.get(2),
                ChatCodec.encode(new ChatEvent.Notice("after")));
        channel.close();
        link.deliverEncoded(group, encoded, written::incrementAndGet);
        assertThat(written.get()).as("a closed connection drops the group at once").isEqualTo(2);
    }

    @Test
    void aGroupPastTheOutboundLimitIsDroppedWholeAndTheConnectionFlaggedAsASlowReader() {
        UserEvents events = new UserEvents();
        EmbeddedChannel channel = new EmbeddedChannel(events);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(100, 200));
        NettySessionLink link = new NettySessionLink(channel);
        List<ChatEvent> group = List.of(new ChatEvent.Notice("x".repeat(80)), new ChatEvent.Notice("y".repeat(80)),
                new ChatEvent.Notice("z".repeat(80)));
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

        link.deliverEncoded(group, group.stream().map(ChatCodec::encode).toList(), written::incrementAndGet);
        channel.runPendingTasks();

        assertThat(written.get()).isEqualTo(1);
        assertThat(channel.<Object>readOutbound()).isNull();
        assertThat(events.seen).hasExactlyElementsOfTypes(OutboundOverflow.class);
    }

    @Test
    void afterTheClientOptedInTheMessagesOfOneFlushGoDownAsOneBatchInOrder() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        List<ChatEvent> sent = List.of(new ChatEvent.Notice("one"), new ChatEvent.Notice("two"), new ChatEvent.Notice("three"));

        link.acceptBatchRecords(true);
        link.deliver(sent.get(0));
        link.deliverAll(sent.subList(1, 3));
        channel.runPendingTasks();

        assertThat(channel.<Object>readOutbound()).isEqualTo(new OutboundBatch(sent.stream().map(ChatCodec::encode).toList()));
        assertThat(channel.<Object>readOutbound()).isNull();
    }

    @Test
    void aLoneMessageGoesDownAsItselfAndWithoutTheOptionNothingIsBatched() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        Bytes one = ChatCodec.encode(new ChatEvent.Notice("one"));
        Bytes two = ChatCodec.encode(new ChatEvent.Notice("two"));

        link.acceptBatchRecords(true);
        link.deliver(new ChatEvent.Notice("one"), one);
        channel.runPendingTasks();
        link.acceptBatchRecords(false);
        link.deliver(new ChatEvent.Notice("one"), one);
        link.deliver(new ChatEvent.Notice("two"), two);
        channel.runPendingTasks();

        assertThat(List.<Object>of(channel.readOutbound(), channel.readOutbound(), channel.readOutbound()))
                .containsExactly(one, one, two);
    }

    @Test
    void batchedMessagesStillCountAsWrittenOneByOne() {
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel);
        ChatEvent notice = new ChatEvent.Notice("fan-out");
        Bytes encoded = ChatCodec.encode(notice);
        java.util.concurrent.atomic.AtomicInteger written = new java.util.concurrent.atomic.AtomicInteger();

        link.acceptBatchRecords(true);
        for (int i = 0; i < 5; i++) {
            link.deliver(notice, encoded, written::incrementAndGet);
        }
        assertThat(written.get()).isZero();
        channel.runPendingTasks();

        assertThat(written.get()).as("one callback per message, not per record").isEqualTo(5);
        assertThat(channel.<Object>readOutbound()).isEqualTo(new OutboundBatch(java.util.Collections.nCopies(5, encoded)));
    }

    @Test
    void theOutboundLimitStillCountsTheBytesOfEachBatchedMessage() {
        UserEvents events = new UserEvents();
        EmbeddedChannel channel = new EmbeddedChannel(events);
        channel.config().setWriteBufferWaterMark(new WriteBufferWaterMark(1024, 2048));
        NettySessionLink link = new NettySessionLink(channel);
        ChatEvent notice = new ChatEvent.Notice("x".repeat(500));
        Bytes encoded = ChatCodec.encode(notice);

        link.acceptBatchRecords(true);
        for (int i = 0; i < 10; i++) {
            link.deliver(notice, encoded);
        }
        channel.runPendingTasks();

        assertThat(channel.<Object>readOutbound())
                .isEqualTo(new OutboundBatch(java.util.Collections.nCopies(2048 / encoded.length(), encoded)));
        assertThat(events.seen).containsExactly(new OutboundOverflow());
    }

    @Test
    void anAnswerLargerThanTheChannelSendsBecomesAMessageTooLargeRefusalOfItsRequest() throws Exception {
        // An operator set limits.max-message-bytes to 1,024: ten devices with 256-byte identities are
        // about 3,400 bytes, which the channel would drop, leaving the client to wait for its timeout.
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel, 1_024, ServerMetrics.off());
        List<DeviceInfo> devices = LongStream.rangeClosed(1, 10)
                .mapToObj(id -> new DeviceInfo(id, Bytes.wrapOwned(new byte[256]), "phone " + id, 1, 2)).toList();
        ChatEvent.DeviceList large = new ChatEvent.DeviceList(41, "bob", devices);
        ChatEvent.DeviceList small = new ChatEvent.DeviceList(42, "bob", devices.subList(0, 1));

        link.deliver(large);
        link.deliverAll(List.of(small, new ChatEvent.DeviceList(43, "bob", devices)));
        channel.runPendingTasks();

        List<ChatEvent> written = new ArrayList<>();
        for (Object out = channel.readOutbound(); out != null; out = channel.readOutbound()) {
            written.add(ChatCodec.decodeEvent((Bytes) out));
        }
        assertThat(ChatCodec.encode(large).length()).isGreaterThan(1_024);
        assertThat(written).hasSize(3);
        assertThat(written.get(0)).isInstanceOfSatisfying(ChatEvent.Rejected.class, r -> {
            assertThat(r.requestId()).isEqualTo(41);
            assertThat(r.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        });
        assertThat(written.get(1)).isEqualTo(small);
        assertThat(written.get(2)).isInstanceOfSatisfying(ChatEvent.Rejected.class,
                r -> assertThat(r.requestId()).isEqualTo(43));
    }
}
