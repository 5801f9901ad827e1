package org.parley.server.chat;

import java.time.Clock;
import org.parley.server.log.AuditLog;
import org.parley.server.log.ConsoleLog;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;

/**
 * What the chat request handlers share: the stores (durable, written through), the rooms and
 * accounts held in memory, who is online, the logs, the clock, the number of messages replayed on
 * join, the largest event the channel can send (lists and history pages are cut to fit it), and
 * the metrics sink.
 * Shared by all lanes: each field is immutable or thread-safe.
 */
record ChatContext(AccountStore accounts, RoomStore rooms, MessageStore messages, RoomDirectory directory,
        OnlineUsers online, ConsoleLog console, AuditLog audit, Clock clock, int historyOnJoin, int maxEventBytes,
        ServerMetrics metrics) {
}
