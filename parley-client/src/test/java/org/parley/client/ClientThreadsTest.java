package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.crypto.SecretBytes;

class ClientThreadsTest {
    private final ClientThreads threads = new ClientThreads();

    @AfterEach
    void stop() {
        threads.stopListener();
        threads.stopWorkAndIo();
    }

    @Test
    void aDeliveryAfterTheListenerStoppedRunsOnTheCallingThread() {
        threads.stopListener();
        AtomicReference<Thread> ranOn = new AtomicReference<>();

        threads.onListenerOrHere(() -> ranOn.set(Thread.currentThread()));

        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
    }

    @Test
    void aTaskForTheStoppedListenerIsRefused() {
        threads.stopListener();

        assertThatThrownBy(() -> threads.onListener(() -> { })).isInstanceOf(RejectedExecutionException.class);
    }

    @Test
    void workQueuedAfterTheWorkThreadStoppedIsRefused() {
        threads.stopWorkAndIo();

        assertThat(threads.onWork(() -> { })).isFalse();
    }

    @Test
    void slowWorkThatCannotRunWipesItsSecretAndFailsAsNotConnected() {
        threads.stopWorkAndIo();
        SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3});

        CompletableFuture<String> result = threads.onWork(() -> "derived", secret);

        assertThat(secret.isDestroyed()).isTrue();
        assertThatThrownBy(result::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(ConnectionFailedException.class);
    }

    @Test
    void slowWorkRunsOnTheWorkThreadAndKeepsItsSecret() throws Exception {
        SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3});

        String threadName = threads.onWork(() -> Thread.currentThread().getName(), secret).get(30, TimeUnit.SECONDS);

        assertThat(threadName).isEqualTo("parley-client-work");
        assertThat(secret.isDestroyed()).isFalse();
    }
}
