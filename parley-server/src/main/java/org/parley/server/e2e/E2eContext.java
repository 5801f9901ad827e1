package org.parley.server.e2e;

import java.time.Clock;
import java.util.List;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.chat.ChatSession;
import org.parley.server.log.AuditLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountStore;
import org.parley.server.store.E2eStore;

/** What the end-to-end request handlers share. Used on the end-to-end lane ({@link DeviceSessions} also from event loops). */
record E2eContext(E2eStore store, AccountStore accounts, DeviceSessions sessions, AuditLog audit, Clock clock,
                  int maxEventBytes, ServerMetrics metrics) {

    void deliver(List<ChatSession> to, ChatEvent event) {
        to.forEach(session -> session.deliver(event));
    }

    /** The device this session is bound to, or a refusal. */
    long requireDevice(ChatSession session) throws E2eRefusal {
        return sessions.deviceOf(session).orElseThrow(() -> new E2eRefusal(ErrorCode.DEVICE_REQUIRED,
                "add this device to your account or bind it (AddDevice, BindDevice) first"));
    }
}
