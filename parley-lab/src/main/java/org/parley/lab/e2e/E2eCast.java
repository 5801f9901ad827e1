package org.parley.lab.e2e;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.parley.client.e2ee.E2eEvent;
import org.parley.lab.Actor;
import org.parley.lab.LabTarget;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.insecure.InsecureTofuClient;

/**
 * The people of a malicious-server scenario: alice (online, the victim who sends), bob (her
 * contact, offline unless a step logs him in) and the server's operator, who owns a real device on
 * an account of its own ({@code mallory}) whose keys it plants in bob's place. Everyone registers
 * afresh on the lab's own server, so scenarios never share state.
 */
public final class E2eCast implements AutoCloseable {
    /** What alice sends once the attacker has made its change: the message the operator wants to read. */
    public static final String SECRET = "the exam answers are in locker 12";

    private final LabTarget target;
    private final Trace trace;
    private final MaliciousOperator operator;
    private final Path directory;
    private final String suffix;
    private final String password;
    private final E2eParty alice;
    private final long bobDevice;
    private final long operatorDevice;

    private E2eCast(LabTarget target, Trace trace, Path directory, String suffix, String password, E2eParty alice,
            long bobDevice, long operatorDevice) {
        this.target = target;
        this.trace = trace;
        this.operator = MaliciousOperator.of(target);
        this.directory = directory;
        this.suffix = suffix;
        this.password = password;
        this.alice = alice;
        this.bobDevice = bobDevice;
        this.operatorDevice = operatorDevice;
    }

    /** Registers bob and the operator's device (both then go offline), then alice, who stays online. */
    public static E2eCast assemble(LabTarget target, Trace trace) throws Exception {
        MaliciousOperator.of(target);
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        String suffix = HexFormat.of().formatHex(random);
        String password = "lab passphrase " + suffix;
        Path directory = target.scratch("e2e");
        long bob;
        try (E2eParty party = E2eParty.register(target, directory.resolve("bob"), "bob_" + suffix, password.toCharArray())) {
            bob = party.deviceId();
        }
        long operator;
        try (E2eParty party = E2eParty.register(target, directory.resolve("mallory"), "mallory_" + suffix, password.toCharArray())) {
            operator = party.deviceId();
        }
        E2eParty alice = E2eParty.register(target, directory.resolve("alice"), "alice_" + suffix, password.toCharArray());
        trace.add(Actor.LAB, "lab.e2e.cast", "alice_" + suffix, "bob_" + suffix, bob);
        trace.add(Actor.ATTACKER, "attacker.e2e.operator", "mallory_" + suffix, operator);
        return new E2eCast(target, trace, directory, suffix, password, alice, bob, operator);
    }

    public String alice() {
        return "alice_" + suffix;
    }

    public String bob() {
        return "bob_" + suffix;
    }

    /** The account name of another user of this cast, {@code name} with the cast's suffix. */
    public String user(String name) {
        return name + "_" + suffix;
    }

    public String operatorAccount() {
        return "mallory_" + suffix;
    }

    public long bobDevice() {
        return bobDevice;
    }

    public long operatorDevice() {
        return operatorDevice;
    }

    public MaliciousOperator operator() {
        return operator;
    }

    /** The base directory of alice's device (the insecure variants' client is hers and reads its keys). */
    public Path aliceDirectory() {
        return directory.resolve("alice");
    }

    /** Alice's online device. */
    public E2eParty aliceDevice() {
        return alice;
    }

    /**
     * Registers one more honest user, {@code name} with this cast's suffix (for example a room's
     * third member), with an end-to-end device; it stays online.
     */
    public E2eParty register(String name) throws Exception {
        return E2eParty.register(target, directory.resolve(name), user(name), password.toCharArray());
    }

    /** Logs bob's device in (his queued envelopes arrive on login). */
    public E2eParty loginBob() throws Exception {
        return E2eParty.login(target, directory.resolve("bob"), bob(), password.toCharArray());
    }

    /** Bob logs in, receives {@code text} from alice, and goes offline again; narrated. */
    public void bobReceives(String text) throws Exception {
        bobReceives(text, LabTarget.STEP_TIMEOUT);
    }

    void bobReceives(String text, Duration bound) throws Exception {
        try (E2eParty bob = loginBob()) {
            if (!E2eParty.within(bound, () -> bob.received().contains(text))) {
                // Every later step assumes bob has the message: not knowing is a lab error, not a verdict.
                throw new TimeoutException(bob() + " did not receive \"" + text + "\" within " + bound.toMillis() + " ms");
            }
            awaitBobAcknowledged(bound);
            trace.add(Actor.CLIENT, "client.e2e.received", bob(), bob.received().stream().filter(text::equals).count());
        }
    }

    /**
     * Waits until bob's device has acknowledged everything queued for it.
     *
     * @throws TimeoutException if something is still queued for it after the step timeout
     */
    public void awaitBobAcknowledged() throws TimeoutException {
        awaitBobAcknowledged(LabTarget.STEP_TIMEOUT);
    }

    void awaitBobAcknowledged(Duration bound) throws TimeoutException {
        boolean acknowledged = E2eParty.within(bound, () -> {
            try {
                return operator.queued(bob(), bobDevice).isEmpty();
            } catch (java.sql.SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        if (!acknowledged) {
            throw new TimeoutException("device " + bobDevice + " of " + bob() + " left envelopes unacknowledged for "
                    + bound.toMillis() + " ms");
        }
    }

    /** Logs the operator's own device in (it is a member in the room scenarios). */
    public E2eParty loginOperator() throws Exception {
        return E2eParty.login(target, operatorDirectory(), operatorAccount(), password.toCharArray());
    }

    /** The base directory of the operator's device: its files are the operator's to copy. */
    public Path operatorDirectory() {
        return directory.resolve("mallory");
    }

    /** Alice marks bob verified (as after comparing safety numbers in person). */
    public void verifyBob() throws Exception {
        alice.await(alice.session().markVerified(bob(), alice.await(alice.session().safetyNumber(bob()))));
        trace.add(Actor.CLIENT, "client.e2e.verified", alice(), bob());
    }

    /** What alice's client did with one message: the failure that stopped it, if any, and what it showed. */
    public record Attempt(Optional<String> failure, List<E2eEvent> shown) {
    }

    /**
     * Alice sends {@code text} to bob with the real client, or with {@link InsecureTofuClient} for
     * that variant. Narrated in order: what her client showed, any change accepted without asking,
     * then whether the message left.
     */
    public Attempt send(String what, String text, Variant variant) {
        int mark = alice.events().size();
        Optional<String> failure = Optional.empty();
        boolean accepted = false;
        try {
            if (variant == Variant.INSECURE_TOFU_CLIENT) {
                accepted = new InsecureTofuClient(alice.session()).send(bob(), text);
            } else {
                alice.send(bob(), text);
            }
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            failure = Optional.of(cause.getClass().getSimpleName());
        }
        List<E2eEvent> shown = shownToAlice(mark);
        if (accepted) {
            trace.add(Actor.CLIENT, "client.e2e.auto-accept", bob());
        }
        if (failure.isPresent()) {
            trace.add(Actor.CLIENT, "client.e2e.not-sent", alice(), what, failure.get());
        } else {
            trace.add(Actor.CLIENT, "client.e2e.sent", alice(), what, text.length());
        }
        return new Attempt(failure, shown);
    }

    /** Narrates the notices and refusals alice's client has shown since event {@code from}; returns them. */
    public List<E2eEvent> shownToAlice(int from) {
        return shownToAlice(from, "@notice.blocks");
    }

    /**
     * As {@link #shownToAlice(int)}, in a room scenario: for a verified contact a change both blocks
     * private messages and keeps the room's keys from the changed devices until accepted (E2EE.md
     * 20.7), and the narration says so.
     */
    public List<E2eEvent> shownToAliceInRoom(int from) {
        return shownToAlice(from, "@notice.blocks-room");
    }

    private List<E2eEvent> shownToAlice(int from, String blocks) {
        List<E2eEvent> events = alice.events();
        List<E2eEvent> shown = events.subList(from, events.size()).stream()
                .filter(e -> e instanceof E2eEvent.DeviceNotice || e instanceof E2eEvent.BundleRefused).toList();
        for (E2eEvent event : shown) {
            switch (event) {
                case E2eEvent.DeviceNotice n -> trace.add(Actor.CLIENT, "client.e2e.notice", n.user(), n.deviceId(),
                        "@notice." + n.kind().name().toLowerCase(Locale.ROOT), n.blocksSending()
                                ? blocks : "@notice.informs");
                case E2eEvent.BundleRefused r -> trace.add(Actor.CLIENT, "client.e2e.bundle-refused", r.user(),
                        r.deviceId(), r.error().name().toLowerCase(Locale.ROOT));
                case E2eEvent.Message m -> { }
                case E2eEvent.DecryptFailure f -> { }
                case E2eEvent.MessagesMissing m -> { }
                case E2eEvent.NotEncryptedForThisDevice n -> { }
                case E2eEvent.FromUnverifiedDevice u -> { }
                case E2eEvent.SendSettled s -> { }
                case E2eEvent.RoomSendSettled s -> { }
                case E2eEvent.RoomTextSettled s -> { }
                case E2eEvent.OutboxEntryUnreadable u -> { }
            }
        }
        return shown;
    }

    /**
     * The operator moves what waits for {@code victimDevice} of bob into its own device's queue and
     * logs that device in: true if it then reads {@link #SECRET}.
     *
     * @throws java.util.concurrent.TimeoutException if envelopes were moved but the operator's device
     *     showed none of them within the step timeout (a slow machine, not a defence)
     */
    public boolean operatorReads(long victimDevice) throws Exception {
        int moved = operator.divertQueue(bob(), victimDevice, operatorAccount(), operatorDevice);
        trace.add(Actor.ATTACKER, "attacker.e2e.diverted", moved, bob(), victimDevice);
        if (moved == 0) {
            return false;
        }
        try (E2eParty mallory = E2eParty.login(target, operatorDirectory(), operatorAccount(), password.toCharArray())) {
            if (!E2eParty.within(LabTarget.STEP_TIMEOUT, () -> mallory.events().stream()
                    .anyMatch(e -> e instanceof E2eEvent.Message || e instanceof E2eEvent.DecryptFailure))) {
                // Not knowing whether the operator could read is no verdict either way: a lab error.
                throw new java.util.concurrent.TimeoutException("the operator's device showed nothing of the " + moved
                        + " envelope(s) it was given within " + LabTarget.STEP_TIMEOUT.toSeconds() + " s");
            }
            boolean read = mallory.received().contains(SECRET);
            trace.add(Actor.ATTACKER, read ? "attacker.e2e.read" : "attacker.e2e.unreadable", alice(), SECRET);
            return read;
        }
    }

    @Override
    public void close() {
        alice.close();
    }
}
