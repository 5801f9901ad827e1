package org.parley.client;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.PinStore;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuitePreferences;

/**
 * Where to connect and whom to trust.
 *
 * @param host the server's host name or address, as the user typed it (the pin is kept under {@code host:port})
 * @param offer the suite components offered, usually a {@link Preset}'s
 * @param pins the known-servers store, usually a {@link KnownServersFile}
 * @param firstContact decides a first contact at once (a server with no pin), on the listener thread once the
 *     server proved it holds the key; true pins it. {@link ParleyClient#connect(ClientOptions, ClientListener,
 *     FirstContactQuestion)} asks asynchronously instead
 * @param connectTimeout bounds the TCP connect and the handshake together
 * @param requestTimeout bounds each request's wait for its answer from when it is written (a request queued behind
 *     the window of 64 unanswered ones waits untimed, see PendingRequests) and each login step
 * @param keepAliveInterval after login, a ping is sent this often so the server's idle timeout does
 *     not close a quiet session; {@link Duration#ZERO} disables it
 * @param keyLog <b>insecure, for teaching</b>: where every connection's secrets are written (PROTOCOL.md 9.7,
 *     docs/LAB.md); empty, the default, logs nothing
 * @param batchRecords right after login, ask the server to deliver in batch records (several messages
 *     in one record, docs/PROTOCOL.md 10.5.1), which costs the server less per delivery; true, the
 *     default
 */
public record ClientOptions(String host, int port, SuitePreferences offer, PinStore pins,
        Predicate<Fingerprint> firstContact, Duration connectTimeout, Duration requestTimeout, Duration keepAliveInterval,
        Optional<InsecureKeyLogFile> keyLog, boolean batchRecords) {

    /** The keepalive interval of {@link #defaults}: well inside the server's default 5-minute idle timeout. */
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(60);

    public ClientOptions {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(offer, "offer");
        Objects.requireNonNull(pins, "pins");
        Objects.requireNonNull(firstContact, "firstContact");
        if (host.isBlank() || port < 1 || port > 65_535) {
            throw new IllegalArgumentException("need a host and a port 1..65535");
        }
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(requestTimeout, "requestTimeout");
        Objects.requireNonNull(keepAliveInterval, "keepAliveInterval");
        Objects.requireNonNull(keyLog, "keyLog");
        if (keepAliveInterval.isNegative() || (!keepAliveInterval.isZero() && keepAliveInterval.toMillis() < 1)) {
            throw new IllegalArgumentException("keepAliveInterval must be zero (off) or at least 1 ms");
        }
    }

    /** The options asking for batch records after login (the default). */
    public ClientOptions(String host, int port, SuitePreferences offer, PinStore pins,
            Predicate<Fingerprint> firstContact, Duration connectTimeout, Duration requestTimeout, Duration keepAliveInterval,
            Optional<InsecureKeyLogFile> keyLog) {
        this(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, keepAliveInterval, keyLog, true);
    }

    /** The options without a key log (the default). */
    public ClientOptions(String host, int port, SuitePreferences offer, PinStore pins,
            Predicate<Fingerprint> firstContact, Duration connectTimeout, Duration requestTimeout, Duration keepAliveInterval) {
        this(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, keepAliveInterval, Optional.empty());
    }

    /** The options before keepalive was configurable: keepalive every {@link #DEFAULT_KEEP_ALIVE}. */
    public ClientOptions(String host, int port, SuitePreferences offer, PinStore pins,
            Predicate<Fingerprint> firstContact, Duration connectTimeout, Duration requestTimeout) {
        this(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, DEFAULT_KEEP_ALIVE);
    }

    /** The MODERN preset, a 10-second connect timeout, a 30-second request timeout and a 60-second keepalive. */
    public static ClientOptions defaults(String host, int port, PinStore pins, Predicate<Fingerprint> firstContact) {
        return new ClientOptions(host, port, Preset.MODERN.preferences(), pins, firstContact,
                Duration.ofSeconds(10), Duration.ofSeconds(30));
    }

    /** The same options offering {@code preset}'s components. */
    public ClientOptions withPreset(Preset preset) {
        return new ClientOptions(host, port, preset.preferences(), pins, firstContact, connectTimeout, requestTimeout,
                keepAliveInterval, keyLog, batchRecords);
    }

    /** The same options pinging every {@code interval} after login; {@link Duration#ZERO} turns the keepalive off. */
    public ClientOptions withKeepAlive(Duration interval) {
        return new ClientOptions(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, interval, keyLog,
                batchRecords);
    }

    /** The same options writing every connection's secrets to {@code log}: insecure, for teaching (docs/LAB.md). */
    public ClientOptions withInsecureKeyLog(InsecureKeyLogFile log) {
        return new ClientOptions(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, keepAliveInterval,
                Optional.of(log), batchRecords);
    }

    /** The same options never asking for batch records: every message arrives in its own record, as before they existed. */
    public ClientOptions withoutBatchRecords() {
        return new ClientOptions(host, port, offer, pins, firstContact, connectTimeout, requestTimeout, keepAliveInterval,
                keyLog, false);
    }

    /** The name the server's key is pinned under: {@code host:port}, an IPv6 literal in brackets. */
    public String serverName() {
        return KnownServerEntry.serverName(host, port);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
