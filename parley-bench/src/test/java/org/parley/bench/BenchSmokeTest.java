package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.suite.Preset;
import org.parley.server.ParleyServer;

/**
 * The CI smoke version of the benchmark (issue 13 §1): every Parley scenario at a tiny size for about
 * a second against a real server on loopback, checking that the harness works and its figures are
 * sane (positive counts, ordered percentiles). It never asserts a speed: the server runs in this
 * JVM, so its CPU figure includes the generator's, and a loaded CI machine may be slow.
 */
@EnabledOnOs(OS.LINUX)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BenchSmokeTest {
    @TempDir
    static Path data;
    private ParleyServer server;
    private LoadClients clients;
    private InetSocketAddress address;

    @BeforeAll
    void startServer() throws java.io.IOException {
        server = ParleyServer.start(BenchServerMain.settings(data, Preset.MODERN));
        address = server.address();
        clients = new LoadClients(1);
    }

    @AfterAll
    void stop() {
        clients.close();
        server.close();
    }

    @ParameterizedTest(name = "members asking for batch records: {0}, sending once: {1}")
    @CsvSource({"true, false", "false, false", "true, true"})
    void aTinyFanOutLadderDeliversToEveryOtherMemberAndPrintsASaneTable(boolean batchRecords, boolean once)
            throws Exception {
        // 8 + 16 messages in all: a room with at most 32 in flight is never refused for their age or
        // predicted wait (chat.RoomBacklog), so no stall of a loaded machine can make it refuse one.
        FanoutSettings settings = new FanoutSettings(4, 2, 100, 1, 5, 0, List.of(8.0, 16.0), false);
        FanoutSink sink = new FanoutSink();
        List<FanoutStep> steps;
        try (ParleyRoom room = ParleyRoom.join(clients, address, settings.members(), sink, batchRecords,
                once ? RoomSends.once() : RoomSends.plain())) {
            steps = new FanoutLadder(settings, ProcessCpu.self(), room.senders(settings.senders()), sink).run();
        }

        assertThat(steps).hasSize(2);
        for (FanoutStep step : steps) {
            assertThat(step.sent()).isPositive();
            assertThat(step.expectedDeliveries()).isEqualTo(step.sent() * 3);
            assertThat(step.delivered()).isPositive().isLessThanOrEqualTo(step.expectedDeliveries());
            assertThat(step.rejected()).as("refusals by code: %s", step.refusals()).isZero();
            assertThat(step.p50Micros()).isPositive().isLessThanOrEqualTo(step.p99Micros());
            assertThat(step.p99Micros()).isLessThanOrEqualTo(step.p999Micros());
            assertThat(step.serverCpuNanos()).isNotNegative();
            assertThat(step.deliveriesPerSecond()).isPositive();
        }
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        FanoutTable.print(new PrintStream(printed, true, StandardCharsets.UTF_8), "parley", settings, steps);
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("offered/s").contains("# parley: ");
    }

    @Test
    void sendersKeepingTheProtocolsWindowAtALowRateHoldNothingBackAndCountTheirWait() throws Exception {
        // 32 messages: as above, no stall can make the room refuse one (at 200 a second it refused 15 of
        // 200 in a suite run beside two busy loops on 2 cores).
        FanoutSettings settings = new FanoutSettings(4, 2, 100, 1, 5, 0, List.of(32.0), false);
        FanoutSink sink = new FanoutSink();
        List<FanoutStep> steps;
        try (ParleyRoom room = ParleyRoom.join(clients, address, settings.members(), sink, true,
                RoomSends.plain())) {
            steps = new FanoutLadder(settings, ProcessCpu.self(), room.senders(settings.senders()), sink, 0,
                    ServerCounters.none(), null, FanoutLadder.Pacing.PROTOCOL).run();
        }

        FanoutStep step = steps.getFirst();
        assertThat(step.held()).isZero();
        assertThat(step.rejected()).as("refusals by code: %s", step.refusals()).isZero();
        assertThat(step.sent()).isEqualTo(32);
        // Delivered to every other member: every message was written, so the answers kept opening the window.
        assertThat(step.deliveredFraction()).isGreaterThanOrEqualTo(0.999);
        assertThat(step.split().windowed()).isTrue();
    }

    @ParameterizedTest(name = "sending once: {0}")
    @ValueSource(booleans = {false, true})
    void durableSendersGetAcknowledgementsWithOrderedLatencies(boolean once) throws Exception {
        Measurement m = DurableScenario.parley(clients, address, ProcessCpu.self(), 2, 100, 0.2, 1,
                once ? RoomSends.once() : RoomSends.plain());

        assertThat(m.operations()).isPositive();
        assertThat(m.perSecond()).isPositive();
        assertThat(m.p50Micros()).isLessThanOrEqualTo(m.p99Micros());
    }

    @Test
    void historyPagesAreServedFromAFilledRoom() throws Exception {
        Measurement m = HistoryScenario.parley(clients, address, ProcessCpu.self(), 300, 1, 100, 0.2, 1);

        assertThat(m.operations()).isPositive();
        assertThat(m.p50Micros()).isLessThanOrEqualTo(m.p99Micros());
    }

    @Test
    void handshakesWithAKeyLoginComplete() throws Exception {
        HandshakeScenario.KeyLogin login = HandshakeScenario.keyLogin(clients, address);
        Measurement m = HandshakeScenario.parley(clients, address, ProcessCpu.self(), Preset.MODERN, Optional.of(login),
                2, 0.2, 1);

        assertThat(m.operations()).isPositive();
        assertThat(m.perServerCpuSecond()).isPositive();
    }

    @Test
    void resultLinesHaveTheSixTabSeparatedFieldsTheTableScriptReads() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        new Results(new PrintStream(printed, true, StandardCharsets.UTF_8)).put("durable-1", "parley", 1234.5, "msg/s", "p50 1 ms");

        assertThat(printed.toString(StandardCharsets.UTF_8).strip().split("\t"))
                .containsExactly("RESULT", "durable-1", "parley", "1234.50", "msg/s", "p50 1 ms");
    }
}
