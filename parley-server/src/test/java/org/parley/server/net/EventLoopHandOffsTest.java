package org.parley.server.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.DefaultEventLoop;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.local.LocalAddress;
import io.netty.channel.local.LocalChannel;
import io.netty.channel.local.LocalServerChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;

/**
 * One event-loop task per batch (issue 13, durable messages): what a store thread queues for many
 * connections while it completes one group commit's callbacks reaches each event loop as one task,
 * handed off when the batch ends, and every connection still writes its own messages in order,
 * exactly once. Connections here are local channels on one counting event loop, so the count of
 * tasks handed in from outside the loop (each a possible wake-up) is exact, not timed.
 */
class EventLoopHandOffsTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final CountingLoop loop = new CountingLoop();
    private final List<Channel> opened = new ArrayList<>();

    /** An event loop that counts the tasks handed to it from other threads. */
    private static final class CountingLoop extends DefaultEventLoop {
        final AtomicInteger fromOutside = new AtomicInteger();

        @Override
        public void execute(Runnable task) {
            if (!inEventLoop()) {
                fromOutside.incrementAndGet();
            }
            super.execute(task);
        }
    }

    /** A connection's two ends on {@link #loop}: the server's side, which the link writes, and what its peer read. */
    private record Connection(Channel server, BlockingQueue<Object> read) {
    }

    @AfterEach
    void close() {
        opened.forEach(c -> c.close().awaitUninterruptibly());
        loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    private List<Connection> connections(int count) throws InterruptedException {
        LocalAddress address = new LocalAddress("hand-offs-" + System.nanoTime());
        BlockingQueue<Channel> accepted = new LinkedBlockingQueue<>();
        opened.add(new ServerBootstrap().group(loop).channel(LocalServerChannel.class)
                .childHandler(new ChannelInitializer<LocalChannel>() {
                    @Override
                    protected void initChannel(LocalChannel channel) {
                        accepted.add(channel);
                    }
                }).bind(address).syncUninterruptibly().channel());
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            BlockingQueue<Object> read = new LinkedBlockingQueue<>();
            Channel client = new Bootstrap().group(loop).channel(LocalChannel.class)
                    .handler(new ChannelInboundHandlerAdapter() {
                        @Override
                        public void channelRead(ChannelHandlerContext ctx, Object message) {
                            read.add(message);
                        }
                    }).connect(address).syncUninterruptibly().channel();
            opened.add(client);
            Channel server = accepted.poll(20, TimeUnit.SECONDS);
            opened.add(server);
            connections.add(new Connection(server, read));
        }
        return connections;
    }

    private static ChatEvent notice(String text) {
        return new ChatEvent.Notice(text);
    }

    private static Bytes encoded(String text) {
        return ChatCodec.encode(notice(text));
    }

    @Test
    void aBatchsDeliveriesToManyConnectionsOnOneEventLoopReachItAsOneTaskAndAreAllWritten() throws Exception {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        List<Connection> connections = connections(10);
        List<NettySessionLink> links = connections.stream().map(c -> new NettySessionLink(c.server(), handOffs)).toList();
        int before = loop.fromOutside.get();

        handOffs.batch(() -> {
            for (int i = 0; i < links.size(); i++) {
                links.get(i).deliver(notice("accepted " + i), encoded("accepted " + i));
            }
        });

        assertThat(loop.fromOutside.get() - before).as("tasks handed to the event loop for the batch").isEqualTo(1);
        for (int i = 0; i < connections.size(); i++) {
            assertThat(connections.get(i).read().poll(20, TimeUnit.SECONDS)).as("connection %d", i).isEqualTo(encoded("accepted " + i));
        }
    }

    @Test
    void withoutABatchEachConnectionIsHandedToItsEventLoopAtOnce() throws Exception {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        List<Connection> connections = connections(10);
        List<NettySessionLink> links = connections.stream().map(c -> new NettySessionLink(c.server(), handOffs)).toList();
        int before = loop.fromOutside.get();

        for (int i = 0; i < links.size(); i++) {
            links.get(i).deliver(notice("accepted " + i), encoded("accepted " + i));
        }

        assertThat(loop.fromOutside.get() - before).as("one task per connection").isEqualTo(10);
        for (int i = 0; i < connections.size(); i++) {
            assertThat(connections.get(i).read().poll(20, TimeUnit.SECONDS)).isEqualTo(encoded("accepted " + i));
        }
    }

    @Test
    void nothingOfABatchIsWrittenBeforeItEndsAndThenEveryConnectionWritesItsMessagesInOrder() {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        EmbeddedChannel first = new EmbeddedChannel();
        EmbeddedChannel second = new EmbeddedChannel();
        NettySessionLink toFirst = new NettySessionLink(first, handOffs);
        NettySessionLink toSecond = new NettySessionLink(second, handOffs);

        handOffs.batch(() -> {
            toFirst.deliver(notice("one"), encoded("one"));
            toSecond.deliver(notice("a"), encoded("a"));
            toFirst.deliver(notice("two"), encoded("two"));
            handOffs.batch(() -> toFirst.deliver(notice("three"), encoded("three"))); // joins this batch
            first.runPendingTasks();
            second.runPendingTasks();
            assertThat((Object) first.readOutbound()).as("inside the batch").isNull();
            assertThat((Object) second.readOutbound()).as("inside the batch").isNull();
        });
        first.runPendingTasks();
        second.runPendingTasks();

        assertThat(List.of(first.readOutbound(), first.readOutbound(), first.readOutbound()))
                .containsExactly(encoded("one"), encoded("two"), encoded("three"));
        assertThat((Object) first.readOutbound()).isNull();
        assertThat((Object) second.readOutbound()).isEqualTo(encoded("a"));
    }

    @Test
    void aBatchOpenOnOneThreadDoesNotHoldBackWhatAnotherThreadQueues() {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        EmbeddedChannel mine = new EmbeddedChannel();
        EmbeddedChannel theirs = new EmbeddedChannel();
        NettySessionLink toMine = new NettySessionLink(mine, handOffs);
        NettySessionLink toTheirs = new NettySessionLink(theirs, handOffs);

        handOffs.batch(() -> {
            toMine.deliver(notice("held to the batch's end"), encoded("held to the batch's end"));
            Thread other = Thread.ofPlatform().start(() -> toTheirs.deliver(notice("now"), encoded("now")));
            try {
                other.join(20_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            theirs.runPendingTasks();
            mine.runPendingTasks();
            assertThat((Object) theirs.readOutbound()).as("queued by another thread").isEqualTo(encoded("now"));
            assertThat((Object) mine.readOutbound()).as("queued in the batch").isNull();
        });
        mine.runPendingTasks();
        assertThat((Object) mine.readOutbound()).isEqualTo(encoded("held to the batch's end"));
    }

    @Test
    void aConnectionThatClosesMidBatchStillRunsItsWrittenCallbackOnceAndTheOthersAreWritten() throws Exception {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        List<Connection> connections = connections(3);
        List<NettySessionLink> links = connections.stream().map(c -> new NettySessionLink(c.server(), handOffs)).toList();
        AtomicInteger written = new AtomicInteger();

        handOffs.batch(() -> {
            for (int i = 0; i < links.size(); i++) {
                links.get(i).deliver(notice("m" + i), encoded("m" + i), written::incrementAndGet);
            }
            connections.get(1).server().close().syncUninterruptibly();
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(written.get()).isEqualTo(3));
        assertThat(connections.get(0).read().poll(20, TimeUnit.SECONDS)).isEqualTo(encoded("m0"));
        assertThat(connections.get(2).read().poll(20, TimeUnit.SECONDS)).isEqualTo(encoded("m2"));
        loop.submit(() -> { }).syncUninterruptibly(); // every task of the batch has run
        assertThat(written.get()).as("each callback exactly once").isEqualTo(3);
    }

    @Test
    void aWrittenCallbackThatThrowsDoesNotKeepTheBatchsOtherConnectionsUnwritten() throws Exception {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        List<Connection> connections = connections(3);
        List<NettySessionLink> links = connections.stream().map(c -> new NettySessionLink(c.server(), handOffs)).toList();
        List<Integer> written = new CopyOnWriteArrayList<>();

        handOffs.batch(() -> {
            links.get(0).deliver(notice("m0"), encoded("m0"), () -> {
                written.add(0);
                throw new IllegalStateException("a failing callback (the test's)");
            });
            links.get(1).deliver(notice("m1"), encoded("m1"), () -> written.add(1));
            links.get(2).deliver(notice("m2"), encoded("m2"), () -> written.add(2));
        });

        await().atMost(WAIT).untilAsserted(() -> assertThat(written).containsExactly(0, 1, 2));
        for (int i = 0; i < connections.size(); i++) {
            assertThat(connections.get(i).read().poll(20, TimeUnit.SECONDS)).isEqualTo(encoded("m" + i));
        }
    }

    @Test
    void whatABatchQueuedIsHandedOffEvenWhenItsCallbacksThrow() {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        EmbeddedChannel channel = new EmbeddedChannel();
        NettySessionLink link = new NettySessionLink(channel, handOffs);

        assertThatThrownBy(() -> handOffs.batch(() -> {
            link.deliver(notice("queued before the failure"), encoded("queued before the failure"));
            throw new IllegalStateException("a failing callback (the test's)");
        })).isInstanceOf(IllegalStateException.class);
        channel.runPendingTasks();

        assertThat((Object) channel.readOutbound()).isEqualTo(encoded("queued before the failure"));
    }

    @Test
    void aBatchWhoseEventLoopHasShutDownThrowsNothingToTheStoresThreadAndTheOtherLoopsGetTheirs() {
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        DefaultEventLoop stopped = new DefaultEventLoop();
        stopped.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
        NettySessionLink onStopped = new NettySessionLink(new EmbeddedChannel(), handOffs);
        EmbeddedChannel other = new EmbeddedChannel();
        NettySessionLink toOther = new NettySessionLink(other, handOffs);

        assertThatCode(() -> handOffs.batch(() -> {
            handOffs.drain(stopped, onStopped); // as a link whose loop stopped while the server shuts down
            toOther.deliver(notice("still written"), encoded("still written"));
        })).doesNotThrowAnyException();
        other.runPendingTasks();

        assertThat((Object) other.readOutbound()).isEqualTo(encoded("still written"));
    }
}
