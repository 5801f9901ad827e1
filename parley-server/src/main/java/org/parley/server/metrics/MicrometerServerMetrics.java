package org.parley.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * {@link ServerMetrics} kept in a Micrometer {@link PrometheusMeterRegistry} of its own (never
 * Micrometer's global registry), read by the {@link MetricsEndpoint}.
 *
 * <p>Meters whose labels come from enums are created up front, so recording is an array or map
 * lookup and an atomic add. Histograms have a few fixed buckets (service-level objectives), not
 * Micrometer's percentile histogram, so each one is a dozen series.
 */
public final class MicrometerServerMetrics implements ServerMetrics {
    /** Distinct suites, login methods and request types before new ones count as "other". */
    private static final int MAX_LABELS = 64;
    private static final Duration[] LATENCY_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5),
        Duration.ofMillis(25), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofMillis(2500)};
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final Map<ConnectionPhase, AtomicInteger> connections = new EnumMap<>(ConnectionPhase.class);
    private final Map<Outcome, MeterFamily<Counter>> handshakes = new EnumMap<>(Outcome.class);
    private final Map<Outcome, MeterFamily<Counter>> logins = new EnumMap<>(Outcome.class);
    private final Map<MessageKind, Counter> messages = new EnumMap<>(MessageKind.class);
    private final Map<RateBucket, Counter> refusals = new EnumMap<>(RateBucket.class);
    private final Map<BacklogBound, Counter> backlogRefusals = new EnumMap<>(BacklogBound.class);
    private final Map<SendClaim, Counter> sendClaims = new EnumMap<>(SendClaim.class);
    private final Map<InFlightBound, Counter> inFlightPauses = new EnumMap<>(InFlightBound.class);
    private final Map<InFlightBound, Counter> inFlightRefusals = new EnumMap<>(InFlightBound.class);
    private final MeterFamily<Timer> requests;
    private final Counter deliveries;
    private final Counter backPressure;
    private final Counter envelopes;
    private final DistributionSummary laneDepth;
    private final DistributionSummary commitWrites;
    private final Timer commitTime;

    public MicrometerServerMetrics() {
        for (ConnectionPhase phase : ConnectionPhase.values()) {
            AtomicInteger count = new AtomicInteger();
            connections.put(phase, count);
            Gauge.builder("parley.connections", count, AtomicInteger::get).description("Open connections by phase")
                    .tag("phase", label(phase)).register(registry);
        }
        for (Outcome outcome : Outcome.values()) {
            handshakes.put(outcome, new MeterFamily<>(MAX_LABELS, suite -> Counter.builder("parley.handshakes")
                    .description("Secure-channel handshakes by negotiated suite and outcome")
                    .tag("suite", suite).tag("outcome", label(outcome)).register(registry)));
            logins.put(outcome, new MeterFamily<>(MAX_LABELS, method -> Counter.builder("parley.logins")
                    .description("Logins by method and outcome").tag("method", method).tag("outcome", label(outcome))
                    .register(registry)));
        }
        for (MessageKind kind : MessageKind.values()) {
            messages.put(kind, Counter.builder("parley.messages.received").description("Chat messages accepted")
                    .tag("kind", label(kind)).register(registry));
        }
        for (RateBucket bucket : RateBucket.values()) {
            refusals.put(bucket, Counter.builder("parley.rate.limited").description("Work refused by a rate limit")
                    .tag("bucket", label(bucket)).register(registry));
        }
        for (BacklogBound bound : BacklogBound.values()) {
            backlogRefusals.put(bound, Counter.builder("parley.room.backlog.refusals")
                    .description("Room messages refused by their room's backlog, by the bound that refused")
                    .tag("condition", label(bound)).register(registry));
        }
        for (SendClaim claim : SendClaim.values()) {
            sendClaims.put(claim, Counter.builder("parley.send.once")
                    .description("Sends carrying a send id, by what the server made of them")
                    .tag("claim", label(claim)).register(registry));
        }
        for (InFlightBound bound : InFlightBound.values()) {
            inFlightPauses.put(bound, Counter.builder("parley.in.flight.pauses")
                    .description("Connections whose reads were paused, by the bound of requests in flight they passed")
                    .tag("condition", label(bound)).register(registry));
            inFlightRefusals.put(bound, Counter.builder("parley.in.flight.refusals")
                    .description("Requests refused because their connection stayed past a bound of requests in flight")
                    .tag("condition", label(bound)).register(registry));
        }
        requests = new MeterFamily<>(MAX_LABELS, type -> Timer.builder("parley.requests")
                .description("Chat requests from arrival to answer, by request type")
                .serviceLevelObjectives(LATENCY_BUCKETS).tag("type", type).register(registry));
        deliveries = Counter.builder("parley.deliveries").description("Room messages handed to connections")
                .register(registry);
        backPressure = Counter.builder("parley.backpressure.events")
                .description("Connections whose outbound buffer reached its high-water mark").register(registry);
        envelopes = Counter.builder("parley.e2e.envelopes.queued").description("End-to-end envelopes queued for devices")
                .register(registry);
        laneDepth = DistributionSummary.builder("parley.chat.lane.depth")
                .description("Requests waiting on a chat lane (one room or account) when one more was queued")
                .serviceLevelObjectives(1, 2, 4, 16, 64, 256, 1000, 2000).register(registry);
        commitWrites = DistributionSummary.builder("parley.sqlite.commit.writes")
                .description("Writes per SQLite transaction").serviceLevelObjectives(1, 2, 4, 8, 16, 32, 64, 128, 256)
                .register(registry);
        commitTime = Timer.builder("parley.sqlite.commit").description("SQLite write transactions, BEGIN to COMMIT")
                .serviceLevelObjectives(LATENCY_BUCKETS).register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
    }

    /** Everything recorded so far, in the Prometheus text format. */
    public String scrape() {
        return registry.scrape();
    }

    @Override
    public void connectionEntered(ConnectionPhase phase) {
        connections.get(phase).incrementAndGet();
    }

    @Override
    public void connectionLeft(ConnectionPhase phase) {
        connections.get(phase).decrementAndGet();
    }

    @Override
    public void handshake(String suite, Outcome outcome) {
        handshakes.get(outcome).of(suite).increment();
    }

    @Override
    public void login(String method, Outcome outcome) {
        logins.get(outcome).of(method.toLowerCase(Locale.ROOT)).increment();
    }

    @Override
    public void messageReceived(MessageKind kind) {
        messages.get(kind).increment();
    }

    @Override
    public void delivered(int sessions) {
        deliveries.increment(sessions);
    }

    @Override
    public void laneDepth(int depth) {
        laneDepth.record(depth);
    }

    @Override
    public void watchChatQueue(IntSupplier queuedTasks, IntSupplier activeLanes) {
        Gauge.builder("parley.chat.queued", queuedTasks, IntSupplier::getAsInt).strongReference(true)
                .description("Chat requests waiting or running in all lanes").register(registry);
        Gauge.builder("parley.chat.lanes", activeLanes, IntSupplier::getAsInt).strongReference(true)
                .description("Chat lanes (rooms, accounts) that have work").register(registry);
    }

    @Override
    public void watchStore(BooleanSupplier writable) {
        Gauge.builder("parley.store.writable", writable, w -> w.getAsBoolean() ? 1 : 0).strongReference(true)
                .description("1 while the store takes writes; 0 once an fsync of its log failed (restart the server)")
                .register(registry);
    }

    @Override
    public void backPressure() {
        backPressure.increment();
    }

    @Override
    public void request(String requestType, long nanos) {
        requests.of(requestType).record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void commit(int writes, long nanos) {
        commitWrites.record(writes);
        commitTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void rateLimited(RateBucket bucket) {
        refusals.get(bucket).increment();
    }

    @Override
    public void roomBacklogRefused(BacklogBound bound) {
        backlogRefusals.get(bound).increment();
    }

    @Override
    public void inFlightPaused(InFlightBound bound) {
        inFlightPauses.get(bound).increment();
    }

    @Override
    public void inFlightRefused(InFlightBound bound) {
        inFlightRefusals.get(bound).increment();
    }

    @Override
    public void envelopesQueued(int count) {
        envelopes.increment(count);
    }

    @Override
    public void sendOnce(SendClaim claim) {
        sendClaims.get(claim).increment();
    }

    private static String label(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
