package org.parley.server;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Map;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.auth.AuthService;
import org.parley.server.auth.LoginThrottle;
import org.parley.server.auth.ServerSecret;
import org.parley.server.chat.ChatService;
import org.parley.server.e2e.E2eService;
import org.parley.server.log.AuditFile;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.net.EventLoopHandOffs;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;

/**
 * The services behind the network layer (store, logs, authentication, chat), opened together
 * and closed in reverse order.
 */
record ServerResources(SqliteStore store, AuditFile auditFile, ConsoleLog console, AuditLog audit, AuthService auth, ChatService chat) {
    private static final long MINUTE_MILLIS = 60_000;

    /**
     * @param handOffs holds back the event-loop hand-offs of each group commit's callbacks, and of each
     *                 fan-out of a room's committed messages on its lane, to the batch's end
     */
    static ServerResources open(ServerSettings settings, SecureRandom random, Clock clock,
            StoreViews views, ServerMetrics metrics, EventLoopHandOffs handOffs) throws IOException {
        ConsoleLog console = new ConsoleLog(settings.showMessages(), clock);
        // The secret first: if it cannot be read, nothing else has been opened yet.
        var secret = ServerSecret.loadOrCreate(settings.dataDirectory(), random);
        String auditName = AuditLog.loggerNameFor(settings.dataDirectory());
        AuditFile auditFile = AuditFile.attach(auditName, settings.dataDirectory());
        AuditLog audit = new AuditLog(auditName);
        SqliteStore store;
        try {
            store = SqliteStore.open(settings.dataDirectory().resolve("parley.db"), metrics::commit, handOffs::batch);
            ensureLobby(store);
            metrics.watchStore(store::writable);
        } catch (StoreException e) {
            secret.destroy();
            auditFile.close();
            throw new IOException("cannot open the database: " + e.getMessage(), e);
        }
        ServerLimits limits = settings.limits();
        // One per-account throttle for logins and for proofs of the current password (ChangePassword).
        LoginThrottle perAccount = new LoginThrottle(limits.loginAttemptsPerMinutePerAccount(), MINUTE_MILLIS, clock::millis);
        AuthService auth = new AuthService(store, secret, random,
                settings.registration(),
                perAccount,
                new LoginThrottle(limits.loginAttemptsPerMinutePerIp(), MINUTE_MILLIS, clock::millis),
                audit, limits.maxConcurrentPasswordHashes(), metrics);
        ChatService chat;
        try {
            chat = new ChatService(store, store, views.messages().apply(store), console, audit, clock, limits.historyOnJoin(),
                    limits.maxMessageBytes(), limits.chatSendRate(), limits.chatReadRate(), limits.creation(),
                    new E2eService(store.e2e(), store, audit, clock, limits.maxMessageBytes(), metrics),
                    views.roomLogs().apply(store.roomLogs()), perAccount, metrics, handOffs::batch);
        } catch (StoreException e) {
            auth.close(); // destroys the secret
            closeQuietly(store, console);
            auditFile.close();
            throw new IOException("cannot load rooms from the database: " + e.getMessage(), e);
        }
        audit.record("server_started", Map.of("preset", settings.preset().name(),
                "registration", settings.registration().name()));
        return new ServerResources(store, auditFile, console, audit, auth, chat);
    }

    /** The default public room every new account joins, created at first start. */
    private static void ensureLobby(SqliteStore store) throws StoreException {
        if (store.findRoom(AuthService.LOBBY).isEmpty()) {
            store.createRoom(new RoomRecord("Lobby", AuthService.LOBBY, "Welcome to Parley", RoomVisibility.PUBLIC, "",
                    System.currentTimeMillis()));
        }
    }

    private static void closeQuietly(SqliteStore store, ConsoleLog console) {
        try {
            store.close();
        } catch (StoreException e) {
            console.warn("closing the database failed", e);
        }
    }

    void close() {
        chat.close();
        auth.close();
        try {
            store.close();
        } catch (StoreException e) {
            console.warn("closing the database failed", e);
        }
        audit.record("server_stopped", Map.of());
        auditFile.close();
    }
}
