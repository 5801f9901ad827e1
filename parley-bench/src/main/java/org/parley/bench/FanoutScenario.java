package org.parley.bench;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.Preset;

/**
 * Room fan-out against a Parley server: N members register and join one room, S of them send at an
 * offered rate, every other member records each message's delivery latency (the send time is in the
 * message, read on the same clock), and the server's and the generator's CPU are read from /proc.
 *
 * <p>Senders are paced by a 1 ms tick on their own event loop: each tick sends what the rate owes
 * so far in one write, so a step offers its rate whether or not the server keeps up (an open loop:
 * a slow server shows as latency and loss, not as a politely lower rate).
 */
public final class FanoutScenario implements AutoCloseable {
    private final FanoutSettings settings;
    private final ProcessCpu server;
    private final List<ParleyConnection> members;
    private final String room;
    private volatile int step;
    private volatile LatencyHistogram latencies = new LatencyHistogram();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();

    private FanoutScenario(FanoutSettings settings, ProcessCpu server, List<ParleyConnection> members, String room) {
        this.settings = settings;
        this.server = server;
        this.members = members;
        this.room = room;
    }

    /** Connects and registers the members and puts them in a fresh room. */
    public static FanoutScenario prepare(LoadClients clients, InetSocketAddress address, ProcessCpu server,
            FanoutSettings settings) {
        ScramVerifier verifier;
        try (SecretBytes password = Passwords.normalise("bench-password-1".toCharArray())) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, new SecureRandom());
        }
        List<ParleyConnection> members = clients.parley(address, Preset.MODERN, settings.members(), 64);
        String tag = Long.toString(System.nanoTime() % 1_000_000_007L, 36);
        for (int start = 0; start < members.size(); start += 64) {
            List<CompletableFuture<?>> logins = new ArrayList<>();
            for (int i = start; i < Math.min(members.size(), start + 64); i++) {
                logins.add(members.get(i).register("b" + tag + "m" + i, verifier));
            }
            logins.forEach(CompletableFuture::join);
        }
        String room = "fanout-" + tag;
        expectJoined(members.getFirst().request(id -> new ChatRequest.CreateRoom(id, room, RoomVisibility.PUBLIC)).join());
        for (int start = 1; start < members.size(); start += 64) {
            List<CompletableFuture<ChatEvent.Answer>> joins = new ArrayList<>();
            for (int i = start; i < Math.min(members.size(), start + 64); i++) {
                joins.add(members.get(i).request(id -> new ChatRequest.JoinRoom(id, room)));
            }
            joins.forEach(join -> expectJoined(join.join()));
        }
        FanoutScenario scenario = new FanoutScenario(settings, server, members, room);
        for (int i = 0; i < members.size(); i++) {
            scenario.listen(members.get(i), i);
        }
        return scenario;
    }

    private static void expectJoined(ChatEvent.Answer answer) {
        if (!(answer instanceof ChatEvent.JoinedRoom)) {
            throw new IllegalStateException("could not join the benchmark room: " + answer);
        }
    }

    private void listen(ParleyConnection member, int index) {
        member.onPush(push -> {
            if (push instanceof ChatEvent.RoomMessage message && !message.history()) {
                received(index, message.message().body(), System.nanoTime());
            }
        });
        member.onAnswer(answer -> {
            if (answer instanceof ChatEvent.Accepted) {
                accepted.incrementAndGet();
            } else if (answer instanceof ChatEvent.Rejected) {
                rejected.incrementAndGet();
            }
        });
    }

    private void received(int receiver, Bytes body, long now) {
        String header = new String(body.toByteArray(), 0, Math.min(body.length(), FanoutSettings.MIN_SIZE),
                StandardCharsets.US_ASCII);
        String[] parts = header.split(":", 4);
        if (parts.length < 4 || Integer.parseInt(parts[0]) != step || Integer.parseInt(parts[1]) == receiver) {
            return; // an echo of one's own message, or a straggler of an earlier step
        }
        delivered.incrementAndGet();
        latencies.record((now - Long.parseLong(parts[2])) / 1000);
    }

    /** Runs the ladder; returns one result per step run. */
    public List<FanoutStep> run() throws InterruptedException {
        if (settings.warmUpSeconds() > 0) {
            // Unreported: lets the JIT compile both sides' hot paths before the first measured step.
            step(settings.rates().getFirst(), settings.warmUpSeconds());
            Thread.sleep(500);
        }
        List<FanoutStep> steps = new ArrayList<>();
        for (double rate : settings.rates()) {
            FanoutStep result = step(rate, settings.seconds());
            steps.add(result);
            if (settings.untilSaturated() && !result.sustained()) {
                break;
            }
            Thread.sleep(500); // let the queues of the previous step drain before the next
        }
        return steps;
    }

    private FanoutStep step(double rate, double seconds) throws InterruptedException {
        step++;
        latencies = new LatencyHistogram();
        delivered.set(0);
        accepted.set(0);
        rejected.set(0);
        int stepId = step;
        int senders = settings.senders();
        double perSender = rate / senders;
        long windowNanos = (long) (seconds * 1e9);
        AtomicLong sent = new AtomicLong();
        long serverStart = server.cpuNanos();
        long selfStart = ProcessCpu.self().cpuNanos();
        long start = System.nanoTime();
        List<ScheduledFuture<?>> tickers = new ArrayList<>();
        long perSenderTotal = Math.round(seconds * perSender);
        for (int s = 0; s < senders; s++) {
            ParleyConnection sender = members.get(s);
            int senderIndex = s;
            long[] done = {0};
            tickers.add(sender.channel().eventLoop().scheduleAtFixedRate(() -> {
                long elapsed = System.nanoTime() - start;
                long owed = Math.min(perSenderTotal, (long) (elapsed / 1e9 * perSender)) - done[0];
                if (owed > 0) {
                    sender.fire((int) owed, id -> new ChatRequest.SendRoomMessage(id, room, ContentType.TEXT,
                            body(stepId, senderIndex, System.nanoTime())));
                    done[0] += owed;
                    sent.addAndGet(owed);
                }
            }, 0, 1, TimeUnit.MILLISECONDS));
        }
        // Wait for the window; a ticker delayed by a busy machine catches up on its next tick.
        long total = perSenderTotal * senders;
        long sendDeadline = start + windowNanos + 1_000_000_000L;
        while (sent.get() < total && System.nanoTime() < sendDeadline) {
            Thread.sleep(1);
        }
        tickers.forEach(t -> t.cancel(false));
        long graceEnd = System.nanoTime() + (long) (settings.graceSeconds() * 1e9);
        long expected = sent.get() * (settings.members() - 1);
        while (delivered.get() < expected && System.nanoTime() < graceEnd) {
            Thread.sleep(5);
        }
        long elapsed = System.nanoTime() - start;
        long serverCpu = server.cpuNanos() - serverStart;
        long selfCpu = ProcessCpu.self().cpuNanos() - selfStart;
        LatencyHistogram h = latencies;
        return new FanoutStep(rate, seconds, sent.get(), accepted.get(), rejected.get(), expected,
                delivered.get(), h.percentile(0.50), h.percentile(0.99), h.percentile(0.999), serverCpu, selfCpu, elapsed);
    }

    private Bytes body(int stepId, int sender, long nanos) {
        StringBuilder text = new StringBuilder(Math.max(settings.size(), FanoutSettings.MIN_SIZE));
        text.append(stepId).append(':').append(sender).append(':').append(nanos).append(':');
        while (text.length() < settings.size()) {
            text.append('x');
        }
        return Bytes.utf8(text.toString());
    }

    @Override
    public void close() {
        members.forEach(ParleyConnection::close);
    }
}
