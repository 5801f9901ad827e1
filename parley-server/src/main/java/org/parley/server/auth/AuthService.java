package org.parley.server.auth;

import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.PublicKeyLoginVerifier;
import org.parley.protocol.auth.ScramServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.log.AuditLog;
import org.parley.server.metrics.RateBucket;
import org.parley.server.metrics.ServerMetrics;
import org.parley.server.store.AccountStore;

/**
 * Everything the authentication phase shares between connections: the stores, the fake-salt
 * secret, the registration policy, the throttles and the bounded pool that runs credential work.
 *
 * <p><b>Security.</b> Credential checks (SCRAM proofs, public-key signatures, store look-ups) run
 * on a pool of {@code maxConcurrent} threads with a bounded queue, never on an event loop; when
 * the queue is full the attempt fails closed. Throttles bound attempts per account and per address.
 */
public final class AuthService implements AutoCloseable {
    /** Canonical name of the default room every new account joins. */
    public static final String LOBBY = "lobby";
    private static final int QUEUE_CAPACITY = 256;
    private final AccountStore accounts;
    private final SecretBytes serverSecret;
    private final SecureRandom random;
    private final RegistrationPolicy policy;
    private final LoginThrottle perAccount;
    private final LoginThrottle perAddress;
    private final AuditLog audit;
    private final PublicKeyLoginVerifier keyVerifier = PublicKeyLoginVerifier.usingCryptoModule();
    private final ThreadPoolExecutor pool;
    private final ServerMetrics metrics;

    public AuthService(AccountStore accounts, SecretBytes serverSecret, SecureRandom random,
                       RegistrationPolicy policy, LoginThrottle perAccount, LoginThrottle perAddress, AuditLog audit,
                       int maxConcurrent) {
        this(accounts, serverSecret, random, policy, perAccount, perAddress, audit, maxConcurrent, ServerMetrics.off());
    }

    /** As above, counting throttled attempts in {@code metrics}. */
    public AuthService(AccountStore accounts, SecretBytes serverSecret, SecureRandom random,
                       RegistrationPolicy policy, LoginThrottle perAccount, LoginThrottle perAddress, AuditLog audit,
                       int maxConcurrent, ServerMetrics metrics) {
        this.metrics = metrics;
        this.accounts = accounts;
        this.serverSecret = serverSecret;
        this.random = random;
        this.policy = policy;
        this.perAccount = perAccount;
        this.perAddress = perAddress;
        this.audit = audit;
        this.pool = new ThreadPoolExecutor(maxConcurrent, maxConcurrent, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), Thread.ofPlatform().name("parley-auth-", 0).daemon(true).factory());
    }

    /** A new exchange for a connection from {@code address} with this channel binding. */
    public AuthExchange exchange(String address, Bytes channelBinding) {
        return new AuthExchange(this, address, ScramServer.create(channelBinding, serverSecret, random), channelBinding);
    }

    /** Runs credential work on the bounded pool; a full queue fails the attempt. */
    CompletableFuture<AuthOutcome> run(Supplier<AuthOutcome> work) {
        try {
            return CompletableFuture.supplyAsync(work, pool);
        } catch (RejectedExecutionException e) {
            return CompletableFuture.completedFuture(AuthExchange.busy());
        }
    }

    AccountStore accounts() {
        return accounts;
    }

    RegistrationPolicy policy() {
        return policy;
    }

    PublicKeyLoginVerifier keyVerifier() {
        return keyVerifier;
    }

    boolean allowAccountAttempt(String canonical) {
        return counted(perAccount.tryAcquire(canonical), RateBucket.LOGIN_ACCOUNT);
    }

    boolean allowAddressAttempt(String address) {
        return counted(perAddress.tryAcquire(address), RateBucket.LOGIN_ADDRESS);
    }

    private boolean counted(boolean allowed, RateBucket bucket) {
        if (!allowed) {
            metrics.rateLimited(bucket);
        }
        return allowed;
    }

    void audit(String event, Map<String, ?> fields) {
        audit.record(event, fields);
    }

    @Override
    public void close() {
        pool.shutdownNow();
        serverSecret.destroy();
    }
}
