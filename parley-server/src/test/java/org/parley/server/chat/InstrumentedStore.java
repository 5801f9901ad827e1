package org.parley.server.chat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.parley.server.store.AccountStore;
import org.parley.server.store.MessageStore;
import org.parley.server.store.RoomStore;
import org.parley.server.store.SqliteStore;

/**
 * A decorator of a real {@link SqliteStore} for chat tests: it counts every store call by method
 * name, and can hold appends to one room until released (to keep that room's work busy).
 */
final class InstrumentedStore {
    private final SqliteStore store;
    private final ConcurrentHashMap<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private volatile String heldRoom = "";
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);

    InstrumentedStore(SqliteStore store) {
        this.store = store;
    }

    AccountStore accounts() {
        return proxy(AccountStore.class);
    }

    RoomStore rooms() {
        return proxy(RoomStore.class);
    }

    MessageStore messages() {
        return proxy(MessageStore.class);
    }

    /** Calls of {@code method} since the last {@link #resetCounts()}. */
    int calls(String method) {
        AtomicInteger count = calls.get(method);
        return count == null ? 0 : count.get();
    }

    int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    void resetCounts() {
        calls.clear();
    }

    /**
     * From now on the first append to {@code room} ({@code appendRoomMessage} or
     * {@code appendRoomMessageLater}) waits, its calling thread blocked, until {@link #release()}.
     */
    void holdAppendsTo(String room) {
        heldRoom = room;
    }

    /** Waits until an append to the held room is blocked. */
    boolean awaitHolding() throws InterruptedException {
        return holding.await(20, TimeUnit.SECONDS);
    }

    void release() {
        release.countDown();
    }

    private <T> T proxy(Class<T> type) {
        InvocationHandler handler = (proxy, method, args) -> {
            calls.computeIfAbsent(method.getName(), m -> new AtomicInteger()).incrementAndGet();
            if (method.getName().startsWith("appendRoomMessage") && heldRoom.equals(args[0])) {
                holding.countDown();
                if (!release.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the test never released the held append");
                }
            }
            try {
                return method.invoke(store, args);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
        };
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type}, handler));
    }
}
