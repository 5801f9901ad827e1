package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;

/**
 * Property run: thousands of random conversations over a network that loses, duplicates and
 * reorders envelopes (within the documented skip window). Every first delivery of a message
 * decrypts to what was sent, no message is ever decrypted twice (a second copy is always a
 * {@code DUPLICATE_MESSAGE}), and after the network drains both sides still talk. The number of
 * conversations is {@code -Dparley.e2ee.conversations=N} (default 1,000); each failure names its
 * seed so it can be replayed.
 */
class RandomConversationTest {
    private static final int CONVERSATIONS = Integer.getInteger("parley.e2ee.conversations", 1000);
    private static final E2eSuite[] SUITES = E2eSuite.values();

    @Test
    void randomLossDuplicationAndReorderingNeverBreakOrRepeatAConversation() throws Exception {
        for (int seed = 0; seed < CONVERSATIONS; seed++) {
            try {
                converse(SUITES[seed % SUITES.length], seed);
            } catch (E2eeException | AssertionError e) {
                throw new AssertionError("conversation seed " + seed + " failed: " + e, e);
            }
        }
    }

    private record InFlight(boolean toBob, Bytes envelope, int id, String text) {
    }

    private static void converse(E2eSuite suite, int seed) throws Exception {
        Random dice = new Random(seed);
        var random = Fixtures.random("conversation " + seed);
        Device a = Fixtures.device("random alice", List.of(suite));
        Device b = Fixtures.device("random bob", List.of(suite)); // a fresh prekey store every time
        Session aliceSession = SessionStart.initiate(a.keys(), b.verifiedBundle(), random);
        Session[] bobSession = {null};
        List<InFlight> network = new ArrayList<>();
        Set<Integer> seenByAlice = new HashSet<>();
        Set<Integer> seenByBob = new HashSet<>();
        int nextId = 0;
        int steps = 8 + dice.nextInt(24);
        for (int step = 0; step < steps; step++) {
            int action = dice.nextInt(10);
            if (action < 4 || network.isEmpty()) {
                boolean fromAlice = bobSession[0] == null || dice.nextBoolean();
                int id = nextId++;
                String text = "m" + id;
                Session sender = fromAlice ? aliceSession : bobSession[0];
                network.add(new InFlight(fromAlice, sender.encrypt(Fixtures.text(text, id), random), id, text));
            } else {
                InFlight next = network.remove(dice.nextInt(network.size()));
                if (action == 4) {
                    continue; // lost
                }
                if (action == 5) {
                    network.add(next); // duplicated: the copy stays in flight
                }
                deliver(next, aliceSession, bobSession, b, next.toBob ? seenByBob : seenByAlice);
            }
        }
        while (!network.isEmpty()) {
            InFlight next = network.removeFirst();
            deliver(next, aliceSession, bobSession, b, next.toBob ? seenByBob : seenByAlice);
        }
        if (bobSession[0] == null) {
            deliver(new InFlight(true, aliceSession.encrypt(Fixtures.text("late", 100_000), random), 100_000, "late"),
                    aliceSession, bobSession, b, seenByBob);
        }
        assertThat(aliceSession.decrypt(bobSession[0].encrypt(Fixtures.text("end", 1), random)).text()).isEqualTo("end");
        assertThat(bobSession[0].decrypt(aliceSession.encrypt(Fixtures.text("end", 2), random)).text()).isEqualTo("end");
    }

    private static void deliver(InFlight message, Session aliceSession, Session[] bobSession, Device bob,
            Set<Integer> seen) throws E2eeException {
        Envelope envelope = EnvelopeCodec.decode(message.envelope);
        InnerMessage inner;
        try {
            if (!message.toBob) {
                inner = aliceSession.decrypt(envelope);
            } else if (bobSession[0] == null || !bobSession[0].belongsHere(envelope)) {
                SessionStart.Accepted accepted = SessionStart.accept(bob.keys(), bob.store(), (Envelope.Prekey) envelope,
                        Optional.empty());
                bobSession[0] = accepted.session();
                inner = accepted.firstMessage();
            } else {
                inner = bobSession[0].decrypt(envelope);
            }
        } catch (E2eeException e) {
            if (e.error() == E2eeError.DUPLICATE_MESSAGE && seen.contains(message.id)) {
                return;
            }
            throw e;
        }
        if (!seen.add(message.id)) {
            fail("message " + message.id + " was decrypted twice");
        }
        assertThat(inner.text()).isEqualTo(message.text);
    }
}
