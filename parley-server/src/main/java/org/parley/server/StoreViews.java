package org.parley.server;

import java.util.function.UnaryOperator;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomLogStore;

/**
 * How the services see the store: the test seams of {@link ParleyServer#start(ServerSettings,
 * java.time.Clock, UnaryOperator, UnaryOperator)}. The server itself always uses {@link #NONE}.
 *
 * @param roomLogs the membership logs of encrypted rooms the chat layer serves and checks
 * @param messages the message history the chat layer stores room and private messages in
 */
record StoreViews(UnaryOperator<RoomLogStore> roomLogs, UnaryOperator<MessageStore> messages) {
    /** The store as it is. */
    static final StoreViews NONE = new StoreViews(UnaryOperator.identity(), UnaryOperator.identity());
}
