package org.parley.server.chat;

import java.time.Instant;
import org.parley.server.auth.LoginThrottle;
import org.parley.server.e2e.E2eService;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.testing.ManualClock;

/**
 * The chat tests' {@link ChatService}: the given stores in front of {@code store} (whose end-to-end
 * tables and room logs it uses as they are), a manual clock at 2026-12-01, no history on join (unless given), the
 * default maximum message size, send rates no test reaches and default creation limits.
 */
final class TestChatService {
    private static final int MAX_EVENT_BYTES = 66_560;

    private TestChatService() {
    }

    static ChatService open(SqliteStore store, AccountStore accounts, RoomStore rooms, MessageStore messages,
                            RequestRate readRate, ServerMetrics metrics, DeliveryBatch fanOuts) throws StoreException {
        return open(store, accounts, rooms, messages, readRate, metrics, fanOuts, 0);
    }

    /** As above, replaying the last {@code historyOnJoin} messages of a room to whoever joins it. */
    static ChatService open(SqliteStore store, AccountStore accounts, RoomStore rooms, MessageStore messages,
                            RequestRate readRate, ServerMetrics metrics, DeliveryBatch fanOuts, int historyOnJoin)
            throws StoreException {
        return open(store, accounts, rooms, messages, store.e2e(), readRate, metrics, fanOuts, historyOnJoin);
    }

    /** As above, with the end-to-end tables seen through {@code e2e}. */
    static ChatService open(SqliteStore store, AccountStore accounts, RoomStore rooms, MessageStore messages,
                            org.parley.server.store.E2eStore e2e, RequestRate readRate, ServerMetrics metrics,
                            DeliveryBatch fanOuts, int historyOnJoin) throws StoreException {
        return open(store, accounts, rooms, messages, e2e, readRate, metrics, fanOuts, historyOnJoin, MAX_EVENT_BYTES);
    }

    /** As above, sending events of at most {@code maxEventBytes}. */
    static ChatService open(SqliteStore store, AccountStore accounts, RoomStore rooms, MessageStore messages,
                            org.parley.server.store.E2eStore e2e, RequestRate readRate, ServerMetrics metrics,
                            DeliveryBatch fanOuts, int historyOnJoin, int maxEventBytes) throws StoreException {
        ManualClock clock = new ManualClock(Instant.parse("2026-12-01T00:00:00Z"));
        AuditLog audit = new AuditLog("parley.test.audit");
        return new ChatService(accounts, rooms, messages, new ConsoleLog(false), audit, clock, historyOnJoin, maxEventBytes,
                new RequestRate(1000, 1000), readRate, CreationLimits.defaults(),
                new E2eService(e2e, store, audit, clock, maxEventBytes), store.roomLogs(),
                new LoginThrottle(10, 60_000, clock::millis), metrics, fanOuts);
    }
}
