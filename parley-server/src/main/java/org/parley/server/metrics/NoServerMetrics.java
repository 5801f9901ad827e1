package org.parley.server.metrics;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/** Records nothing: the server without a metrics endpoint pays one empty virtual call per event. */
final class NoServerMetrics implements ServerMetrics {

    @Override
    public void connectionEntered(ConnectionPhase phase) {
    }

    @Override
    public void connectionLeft(ConnectionPhase phase) {
    }

    @Override
    public void handshake(String suite, Outcome outcome) {
    }

    @Override
    public void login(String method, Outcome outcome) {
    }

    @Override
    public void messageReceived(MessageKind kind) {
    }

    @Override
    public void delivered(int sessions) {
    }

    @Override
    public void laneDepth(int depth) {
    }

    @Override
    public void watchChatQueue(IntSupplier queuedTasks, IntSupplier activeLanes) {
    }

    @Override
    public void watchStore(BooleanSupplier writable) {
    }

    @Override
    public void backPressure() {
    }

    @Override
    public void request(String requestType, long nanos) {
    }

    @Override
    public void commit(int writes, long nanos) {
    }

    @Override
    public void rateLimited(RateBucket bucket) {
    }

    @Override
    public void roomBacklogRefused(BacklogBound bound) {
    }

    @Override
    public void inFlightPaused(InFlightBound bound) {
    }

    @Override
    public void inFlightRefused(InFlightBound bound) {
    }

    @Override
    public void envelopesQueued(int count) {
    }

    @Override
    public void sendOnce(SendClaim claim) {
    }
}
