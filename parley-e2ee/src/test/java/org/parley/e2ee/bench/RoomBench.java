package org.parley.e2ee.bench;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.parley.crypto.Bytes;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.Distribution;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.RekeyPolicy;
import org.parley.e2ee.group.RoomMessage;
import org.parley.e2ee.group.RoomSession;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.e2ee.group.Visibility;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;

/**
 * Cost of an encrypted room of 100 member devices (docs/E2EE.md section 19.11): the first message
 * after a membership change (a new sender chain, 99 distributions each encrypted on its pairwise
 * session, then the 1 KiB message) and the steady state (encrypt and sign one 1 KiB message; one
 * member verifies and decrypts it). Run with {@code bench/e2ee-bench.sh --rooms}; not part of
 * {@code ./mvnw verify}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RoomBench {
    static final int DEVICES = 100;
    private static final RekeyPolicy UNBOUNDED = new RekeyPolicy(0xFFFF_FFFFL, Duration.ofDays(36_500));

    private final SecureRandom random = new SecureRandom();
    private final Instant now = Fixtures.NOW;
    private final Map<DeviceRef, Session> pairwise = new HashMap<>();
    private InnerMessage kibibyte;
    private RoomSession rekeying;
    private RoomSession steady;
    private RoomSession paired;
    private RoomSession receiver;

    @Setup
    public void setUp() throws Exception {
        List<DeviceRef> refs = new ArrayList<>();
        List<Device> devices = new ArrayList<>();
        for (int i = 0; i < DEVICES; i++) {
            refs.add(new DeviceRef(String.format("user%02d", i), 1));
            devices.add(Fixtures.device("room bench " + i));
        }
        List<Bytes> log = new ArrayList<>();
        log.add(VerifiedLog.create(devices.get(0).keys(), refs.get(0), now, "bench", "bench", Visibility.PUBLIC)
                .encoded());
        VerifiedLog verified = VerifiedLog.verify(log);
        for (int i = 1; i < DEVICES; i++) {
            Bytes join = verified.next(devices.get(i).keys(), refs.get(i), now,
                    new LogBody.Join(devices.get(i).keys().identity().encoded())).encoded();
            verified = verified.append(List.of(join));
            log.add(join);
        }
        for (int i = 1; i < DEVICES; i++) {
            VerifiedBundle bundle = VerifiedBundle.verify(devices.get(i).bundle(false, false), Optional.empty());
            pairwise.put(refs.get(i), SessionStart.initiate(devices.get(0).keys(), bundle, random));
        }
        kibibyte = InnerMessage.text("x".repeat(1024), Bytes.wrapOwned(new byte[16]), now);
        rekeying = new RoomSession(refs.get(0), verified, UNBOUNDED);
        steady = new RoomSession(refs.get(0), verified, UNBOUNDED);
        paired = new RoomSession(refs.get(0), verified, UNBOUNDED);
        receiver = new RoomSession(refs.get(1), verified, UNBOUNDED);
        steady.rekey(now, random);
        for (Distribution distribution : paired.rekey(now, random)) {
            if (distribution.recipient().equals(refs.get(1))) {
                receiver.accept(distribution.content(), devices.get(0).keys().identity().encoded());
            }
        }
    }

    /** New chain, 99 distributions through their pairwise sessions, then the first 1 KiB message. */
    @Benchmark
    public Bytes firstMessageAfterMembershipChange() throws Exception {
        for (Distribution distribution : rekeying.rekey(now, random)) {
            pairwise.get(distribution.recipient()).encrypt(distribution.content().asInnerMessage(
                    kibibyte.messageId(), now), random);
        }
        return rekeying.encrypt(kibibyte, now);
    }

    /** One 1 KiB room message: encrypt once and sign (the server fans it out to 99 devices). */
    @Benchmark
    public Bytes steadyStateSend() throws Exception {
        return steady.encrypt(kibibyte, now);
    }

    /** One message sent and read by one member (verify the chain signature, decrypt). */
    @Benchmark
    public RoomMessage steadyStateSendAndOneReceive() throws Exception {
        return receiver.decrypt(paired.encrypt(kibibyte, now));
    }
}
