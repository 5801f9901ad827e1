package org.parley.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.parley.crypto.SecretBytes;
import org.parley.server.RegistrationPolicy;
import org.parley.server.log.AuditLog;

class AuthServiceTest {

    @Test
    void credentialWorkNeverRunsMoreThanTheConfiguredNumberAtOnce() throws Exception {
        LoginThrottle open = new LoginThrottle(1000, 60_000, System::currentTimeMillis);
        AuthService service = new AuthService(null, SecretBytes.zeros(32), new SecureRandom(), RegistrationPolicy.OPEN,
                open, open, new AuditLog(), 2);
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        List<CompletableFuture<AuthOutcome>> results = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            results.add(service.run(() -> {
                peak.accumulateAndGet(running.incrementAndGet(), Math::max);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                running.decrementAndGet();
                return AuthExchange.busy();
            }));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> running.get() == 2);
        assertThat(results).filteredOn(CompletableFuture::isDone).isEmpty();

        release.countDown();
        CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).get();
        assertThat(peak.get()).isEqualTo(2);
        service.close();
    }
}
