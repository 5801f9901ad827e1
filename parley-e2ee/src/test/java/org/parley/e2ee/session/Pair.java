package org.parley.e2ee.session;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;

/** Alice and Bob with an established session (Bob has received Alice's first message). */
final class Pair {
    final Device alice;
    final Device bob;
    final Session aliceSession;
    final Session bobSession;
    final SecureRandom random;

    private Pair(Device alice, Device bob, Session aliceSession, Session bobSession, SecureRandom random) {
        this.alice = alice;
        this.bob = bob;
        this.aliceSession = aliceSession;
        this.bobSession = bobSession;
        this.random = random;
    }

    static Pair established(E2eSuite suite, String seed) throws E2eeException {
        SecureRandom random = Fixtures.random(seed);
        Device alice = Fixtures.device("alice " + seed, List.of(suite));
        Device bob = Fixtures.device("bob " + seed, List.of(suite));
        Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), random);
        Bytes first = aliceSession.encrypt(Fixtures.text("first", 0), random);
        Session bobSession = SessionStart.accept(bob.keys(), bob.store(), (Envelope.Prekey) EnvelopeCodec.decode(first),
                Optional.empty()).session();
        return new Pair(alice, bob, aliceSession, bobSession, random);
    }

    static Bytes state(Session session) {
        SecretBytes encoded = SessionCodec.encode(session);
        return Bytes.wrapOwned(encoded.revealCopy());
    }

    /** A copy of a session through its stored form, as a thief of the device's store would have it. */
    static Session stolen(Session session) throws E2eeException {
        return SessionCodec.decode(SessionCodec.encode(session));
    }
}
