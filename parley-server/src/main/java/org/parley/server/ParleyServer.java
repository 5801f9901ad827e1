package org.parley.server;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.AdaptiveRecvByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.ServerKeyFiles;
import org.parley.protocol.record.RecordLimits;
import org.parley.server.metrics.RunningMetrics;
import org.parley.server.net.EventLoopHandOffs;
import org.parley.server.net.HandshakePool;
import org.parley.server.net.ServerPipeline;
import org.parley.server.net.ServerShutdown;
import org.parley.server.net.Transport;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomLogStore;

/**
 * A running Parley server: the composition root that opens the data directory, keys and store,
 * builds the services and binds the listening socket.
 *
 * <p>Registers nothing global (no shutdown hook, no static state): the command line adds the
 * SIGTERM hook that calls {@link #close()}.
 */
public final class ParleyServer implements AutoCloseable {
    private static final long GRACE_MILLIS = 3000;
    /** Largest single socket read of a connection. */
    private static final int MAX_READ_BYTES = 16 * 1024;
    private final ServerResources resources;
    private final Channel listener;
    private final ChannelGroup connections;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final HandshakePool handshakePool;
    private final List<ServerKey> keys;
    private final RunningMetrics metrics;
    private final DataDirectory.Lock lock;
    private boolean closed;

    private ParleyServer(ServerResources resources, Channel listener, ChannelGroup connections, EventLoopGroup boss,
                         EventLoopGroup workers, HandshakePool handshakePool, List<ServerKey> keys, RunningMetrics metrics,
                         DataDirectory.Lock lock) {
        this.resources = resources;
        this.lock = lock;
        this.metrics = metrics;
        this.handshakePool = handshakePool;
        this.listener = listener;
        this.connections = connections;
        this.boss = boss;
        this.workers = workers;
        this.keys = keys;
    }

    /** Opens the store, loads or creates the keys and binds {@code settings.bind()}; time is the system's UTC clock. */
    public static ParleyServer start(ServerSettings settings) throws IOException {
        return start(settings, Clock.systemUTC());
    }

    /**
     * Like {@link #start(ServerSettings)} with {@code clock} as the time source of message
     * timestamps, login throttles, chat, handshake and KeyUpdate rate limits (tests pass a clock they move by hand).
     */
    public static ParleyServer start(ServerSettings settings, Clock clock) throws IOException {
        return start(settings, clock, UnaryOperator.identity());
    }

    /**
     * Like {@link #start(ServerSettings, Clock)} with the membership logs of encrypted rooms seen
     * through {@code roomLogs}: a <b>test seam</b> for playing a hostile server (a decorator may
     * insert, reorder or fork the entries the server serves; see {@link RoomLogStore}). Production
     * code passes {@link UnaryOperator#identity()}.
     */
    public static ParleyServer start(ServerSettings settings, Clock clock, UnaryOperator<RoomLogStore> roomLogs)
            throws IOException {
        return start(settings, clock, roomLogs, UnaryOperator.identity());
    }

    /**
     * Like {@link #start(ServerSettings, Clock, UnaryOperator)} with the message history the chat
     * layer stores room and private messages in seen through {@code messages}: a <b>test seam</b>
     * (the attack lab plays with it a server that keeps send ids in memory only, docs/LAB.md
     * {@code dropped-answer-restart}). Production code passes {@link UnaryOperator#identity()}.
     */
    public static ParleyServer start(ServerSettings settings, Clock clock, UnaryOperator<RoomLogStore> roomLogs,
            UnaryOperator<MessageStore> messages) throws IOException {
        return start(settings, clock, 0, UnaryOperator.identity(), new StoreViews(roomLogs, messages));
    }

    static ParleyServer start(ServerSettings settings, Clock clock, int ioThreads, UnaryOperator<Executor> handshakeSteps)
            throws IOException {
        return start(settings, clock, ioThreads, handshakeSteps, StoreViews.NONE);
    }

    /**
     * Like {@link #start(ServerSettings, Clock)} with {@code ioThreads} event loops (0: Netty's
     * default) and the handshake pool seen through {@code handshakeSteps}, so that a test can hold a
     * step and watch the event loop carry on.
     */
    private static ParleyServer start(ServerSettings settings, Clock clock, int ioThreads,
            UnaryOperator<Executor> handshakeSteps, StoreViews views) throws IOException {
        DataDirectory.prepare(settings.dataDirectory());
        // Before anything in the directory is read or written: a second server is refused untouched.
        DataDirectory.Lock lock = DataDirectory.lock(settings.dataDirectory());
        try {
            DataDirectory.requireOwnerOnlyDatabase(settings.dataDirectory());
            return start(settings, clock, ioThreads, handshakeSteps, views, lock);
        } catch (IOException | RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Starts the server on a data directory whose {@code lock} it holds; the server releases it when closed. */
    private static ParleyServer start(ServerSettings settings, Clock clock, int ioThreads,
            UnaryOperator<Executor> handshakeSteps, StoreViews views, DataDirectory.Lock lock)
            throws IOException {
        SecureRandom random = new SecureRandom();
        ServerKeyFiles.Loaded loaded = new ServerKeyFiles(settings.dataDirectory())
                .loadOrCreate(settings.preset().preferences().signatures(), random);
        List<ServerKey> keys = loaded.credentials().all().entrySet().stream()
                .map(e -> new ServerKey(e.getKey(), Fingerprint.of(e.getKey(), e.getValue().publicKey()),
                        loaded.created().contains(e.getKey())))
                .sorted(java.util.Comparator.comparingInt(k -> settings.preset().preferences().signatures().indexOf(k.algorithm())))
                .toList();
        RunningMetrics metrics = RunningMetrics.start(settings.metrics());
        // Shared by the store (which opens a batch per group commit's callbacks) and the connections.
        EventLoopHandOffs handOffs = new EventLoopHandOffs();
        ServerResources resources;
        try {
            resources = ServerResources.open(settings, random, clock, views, metrics.metrics(), handOffs);
        } catch (IOException | RuntimeException e) {
            metrics.close();
            throw e;
        }
        ServerLimits limits = settings.limits();
        ServerConfig handshake = new ServerConfig(settings.preset().preferences(), loaded.credentials(), random,
                RecordLimits.defaults().withMaxMessageSize(limits.maxMessageBytes()));
        Transport transport = Transport.best();
        EventLoopGroup boss = transport.group(1, "parley-accept-");
        EventLoopGroup workers = transport.group(ioThreads, "parley-io-");
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        // Each connection has at most one step queued, so the connection cap bounds the queue.
        HandshakePool handshakePool = new HandshakePool(limits.handshakeThreads(), limits.maxConnections());
        try {
            Channel listener = new ServerBootstrap()
                    .group(boss, workers)
                    .channel(transport.serverChannel())
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // Reads of at most 16 KiB: once back-pressure turns auto-read off, what one more read
                    // can still bring (about 100 small requests) bounds how far past the mark a sender gets.
                    .childOption(ChannelOption.RCVBUF_ALLOCATOR, new AdaptiveRecvByteBufAllocator(64, 2048, MAX_READ_BYTES))
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK,
                            new WriteBufferWaterMark(limits.outboundBufferBytes() / 2, limits.outboundBufferBytes()))
                    .childHandler(new ServerPipeline(handshake, limits, handshakeSteps.apply(handshakePool), clock, resources.auth(),
                            resources.chat(), resources.console(), resources.audit(), connections, metrics.metrics(), handOffs))
                    .bind(settings.bind()).syncUninterruptibly().channel();
            resources.console().listening(listener.localAddress(), transport.name());
            metrics.address().ifPresent(a -> resources.console().notice("metrics on http://" + a.getHostString() + ":"
                    + a.getPort() + "/metrics"));
            return new ParleyServer(resources, listener, connections, boss, workers, handshakePool, keys, metrics, lock);
        } catch (RuntimeException e) {
            boss.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            workers.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            handshakePool.close();
            resources.close();
            metrics.close();
            throw new IOException("cannot listen on " + settings.bind() + ": " + e.getMessage(), e);
        }
    }

    /** The address actually bound (an ephemeral port when the settings asked for port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) listener.localAddress();
    }

    /** Where the metrics endpoint listens; empty unless the settings turned it on. */
    public Optional<InetSocketAddress> metricsAddress() {
        return metrics.address();
    }

    /** The server's keys in preference order, with fingerprints, and whether this start created them. */
    public List<ServerKey> keys() {
        return keys;
    }

    /**
     * Stops gracefully: stop accepting, tell every session with a Notice, send close_notify and
     * flush, wait briefly for the sockets to close, then stop the workers and close the store.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close().syncUninterruptibly();
        connections.forEach(c -> c.eventLoop().execute(() ->
                c.pipeline().fireUserEventTriggered(new ServerShutdown("the server is shutting down"))));
        if (!connections.newCloseFuture().awaitUninterruptibly(GRACE_MILLIS)) {
            connections.close().awaitUninterruptibly(GRACE_MILLIS);
        }
        resources.chat().close();
        workers.shutdownGracefully(0, GRACE_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        handshakePool.close();
        boss.shutdownGracefully(0, GRACE_MILLIS, TimeUnit.MILLISECONDS).syncUninterruptibly();
        resources.console().summarizeMessages();
        resources.console().notice("server stopped");
        resources.close();
        metrics.close();
        lock.close(); // last: the database is closed, another server may now start on the directory
        resources.console().flush();
    }

    /**
     * Waits, at most a second, until the console lines logged so far are written (the console is
     * written from a queue, see {@code BoundedAsyncAppender}), so that what the caller prints next
     * comes after them: the start output's order is documented (docs/OPERATIONS.md).
     */
    public void flushConsole() {
        resources.console().flush();
    }
}
