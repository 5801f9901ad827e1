package org.parley.e2ee.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Optional;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.Fixtures.Device;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;

/**
 * Every bad input of issue 8 section 5 is refused with its typed error and leaves the receiving
 * session byte for byte as it was, so the next genuine message still decrypts.
 */
class HostileInputTest {

    @Test
    void aTamperedHeaderIsRefusedAndChangesNothing() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "tampered header");
        byte[] envelope = pair.bobSession.encrypt(Fixtures.text("hi", 1), pair.random).toByteArray();
        envelope[2 + 32 + 4 + 3] ^= 1; // the low byte of n

        refusedWithoutChange(pair.aliceSession, Bytes.wrapOwned(envelope), E2eeError.AUTHENTICATION_FAILED);
        envelope[2 + 32 + 4 + 3] ^= 1;
        assertThat(pair.aliceSession.decrypt(Bytes.wrapOwned(envelope)).text()).isEqualTo("hi");
    }

    @Test
    void aTamperedCiphertextIsRefusedAndChangesNothing() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "tampered ciphertext");
        byte[] envelope = pair.bobSession.encrypt(Fixtures.text("hi", 1), pair.random).toByteArray();
        envelope[envelope.length - 20] ^= 0x40;

        refusedWithoutChange(pair.aliceSession, Bytes.wrapOwned(envelope), E2eeError.AUTHENTICATION_FAILED);
        envelope[envelope.length - 20] ^= 0x40;
        assertThat(pair.aliceSession.decrypt(Bytes.wrapOwned(envelope)).text()).isEqualTo("hi");
    }

    @Test
    void aReplayedEnvelopeIsADuplicateAndChangesNothing() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "replay");
        Bytes envelope = pair.bobSession.encrypt(Fixtures.text("once", 1), pair.random);
        assertThat(pair.aliceSession.decrypt(envelope).text()).isEqualTo("once");

        refusedWithoutChange(pair.aliceSession, envelope, E2eeError.DUPLICATE_MESSAGE);
    }

    @Test
    void aReplayedMessageOfAnEarlierChainIsADuplicate() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_START, "old chain replay");
        Bytes old = pair.bobSession.encrypt(Fixtures.text("old", 1), pair.random);
        pair.aliceSession.decrypt(old);
        pair.bobSession.decrypt(pair.aliceSession.encrypt(Fixtures.text("turn", 2), pair.random));
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("new chain", 3), pair.random));

        refusedWithoutChange(pair.aliceSession, old, E2eeError.DUPLICATE_MESSAGE);
    }

    @Test
    void aReplayedSessionStartIsRefusedByTheSessionAndByThePrekeyStore() throws Exception {
        Device alice = Fixtures.device("alice replay start");
        Device bob = Fixtures.device("bob replay start");
        Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), Fixtures.random("r"));
        Envelope.Prekey start = (Envelope.Prekey) EnvelopeCodec.decode(
                aliceSession.encrypt(Fixtures.text("start", 1), Fixtures.random("r2")));
        Session bobSession = SessionStart.accept(bob.keys(), bob.store(), start, Optional.empty()).session();

        assertThat(bobSession.belongsHere(start)).isTrue();
        refusedWithoutChange(bobSession, EnvelopeCodec.encode(start), E2eeError.DUPLICATE_MESSAGE);
        assertThatThrownBy(() -> SessionStart.accept(bob.keys(), bob.store(), start, Optional.empty()))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.UNKNOWN_PREKEY));
    }

    @Test
    void aStartForAPrekeyThatNeverExistedIsRefusedAndUsesUpNothing() throws Exception {
        Device alice = Fixtures.device("alice unknown");
        Device bob = Fixtures.device("bob unknown");
        Device stranger = Fixtures.device("bob unknown");  // same keys, but its own prekey store is used below
        Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), Fixtures.random("u"));
        Envelope.Prekey start = (Envelope.Prekey) EnvelopeCodec.decode(
                aliceSession.encrypt(Fixtures.text("start", 1), Fixtures.random("u2")));
        bob.store().removeOneTime(org.parley.e2ee.prekey.PrekeyKind.ONE_TIME_X25519, bob.oneTime().keyId());

        assertThatThrownBy(() -> SessionStart.accept(bob.keys(), bob.store(), start, Optional.empty()))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.UNKNOWN_PREKEY));
        assertThat(bob.store().count(org.parley.e2ee.prekey.PrekeyKind.ONE_TIME_MLKEM768)).isEqualTo(1);
        assertThat(SessionStart.accept(stranger.keys(), stranger.store(), start, Optional.empty())
                .firstMessage().text()).isEqualTo("start");
    }

    @Test
    void tooManySkippedMessagesRefuseTheMessageButNotTheSession() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "skipped");
        for (int i = 0; i <= SkippedKeys.MAX_PER_CHAIN; i++) {
            pair.bobSession.encrypt(Fixtures.text("lost", i), pair.random);
        }
        Bytes tooFar = pair.bobSession.encrypt(Fixtures.text("too far", 9999), pair.random);

        refusedWithoutChange(pair.aliceSession, tooFar, E2eeError.TOO_MANY_SKIPPED);
        Pair fresh = Pair.established(E2eSuite.CLASSIC, "skipped");
        for (int i = 0; i < SkippedKeys.MAX_PER_CHAIN; i++) {
            fresh.bobSession.encrypt(Fixtures.text("lost", i), fresh.random);
        }
        assertThat(fresh.aliceSession.decrypt(fresh.bobSession.encrypt(Fixtures.text("just in", 1), fresh.random))
                .text()).isEqualTo("just in");
        assertThat(fresh.aliceSession.view().skippedKeys()).isEqualTo(SkippedKeys.MAX_PER_CHAIN);
    }

    @Test
    void truncatedOversizedAndGarbageEnvelopesAreMalformed() throws Exception {
        Pair pair = Pair.established(E2eSuite.PQ_RATCHET, "garbage");
        Bytes envelope = pair.bobSession.encrypt(Fixtures.text("hi", 1), pair.random);

        refusedWithoutChange(pair.aliceSession, envelope.slice(0, envelope.length() - 1), E2eeError.MALFORMED);
        refusedWithoutChange(pair.aliceSession, Bytes.concat(envelope, Bytes.wrapOwned(new byte[1])),
                E2eeError.MALFORMED);
        refusedWithoutChange(pair.aliceSession, Bytes.wrapOwned(new byte[20_481]), E2eeError.MALFORMED);
        refusedWithoutChange(pair.aliceSession, Bytes.empty(), E2eeError.MALFORMED);
        refusedWithoutChange(pair.aliceSession, Bytes.fromHex("0109ffff"), E2eeError.MALFORMED);
        refusedWithoutChange(pair.aliceSession, Bytes.fromHex("02020000"), E2eeError.UNSUPPORTED_VERSION);
        assertThat(pair.aliceSession.decrypt(envelope).text()).isEqualTo("hi");
    }

    @Test
    void aSessionStartFromAnIdentityOtherThanTheKnownOneIsRefused() throws Exception {
        Device alice = Fixtures.device("alice wrong id");
        Device mallory = Fixtures.device("mallory wrong id");
        Device bob = Fixtures.device("bob wrong id");
        Session fromMallory = SessionStart.initiate(mallory.keys(), bob.verifiedBundle(), Fixtures.random("m"));
        Envelope.Prekey start = (Envelope.Prekey) EnvelopeCodec.decode(
                fromMallory.encrypt(Fixtures.text("i am alice", 1), Fixtures.random("m2")));

        assertThatThrownBy(() -> SessionStart.accept(bob.keys(), bob.store(), start,
                Optional.of(alice.keys().identity())))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.WRONG_IDENTITY));
        assertThat(bob.store().count(org.parley.e2ee.prekey.PrekeyKind.ONE_TIME_X25519)).isEqualTo(1);
    }

    @Test
    void aSessionStartInAWeakerSuiteThanBothSupportIsADowngrade() throws Exception {
        Device alice = Fixtures.device("alice downgrade");
        Device bob = Fixtures.device("bob downgrade");
        Device classicAlice = Fixtures.device("alice downgrade classic", List.of(E2eSuite.CLASSIC));
        Session classic = SessionStart.initiate(classicAlice.keys(), bob.verifiedBundle(), Fixtures.random("d"));
        Envelope.Prekey honest = (Envelope.Prekey) EnvelopeCodec.decode(
                classic.encrypt(Fixtures.text("classic", 1), Fixtures.random("d2")));
        // An attacker relabels the start as coming from the full-suite device alice: the suite no longer matches.
        Envelope.Prekey relabelled = new Envelope.Prekey(new org.parley.e2ee.envelope.StartFields(
                honest.start().suite(), alice.keys().identity().encoded(), honest.start().baseKey(),
                honest.start().signedPrekeyId(), honest.start().oneTimePrekeyId(), honest.start().kem()),
                honest.message());

        assertThatThrownBy(() -> SessionStart.accept(bob.keys(), bob.store(), relabelled, Optional.empty()))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.DOWNGRADE));
        assertThat(classic.suite()).isEqualTo(E2eSuite.CLASSIC);
        assertThat(SessionStart.initiate(alice.keys(), bob.verifiedBundle(), Fixtures.random("d3")).suite())
                .isEqualTo(E2eSuite.PQ_RATCHET);
    }

    @Test
    void aTamperedStartFieldMakesTheFirstMessageFailToAuthenticate() throws Exception {
        Device alice = Fixtures.device("alice start tamper");
        Device bob = Fixtures.device("bob start tamper");
        Session session = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), Fixtures.random("t"));
        byte[] envelope = session.encrypt(Fixtures.text("start", 1), Fixtures.random("t2")).toByteArray();
        int ciphertextOffset = 2 + 1 + 2 + alice.keys().identity().encoded().length() + 32 + 4 + 1 + 4 + 1 + 4;
        envelope[ciphertextOffset + 100] ^= 1; // inside the KEM ciphertext

        assertThatThrownBy(() -> SessionStart.accept(bob.keys(), bob.store(),
                (Envelope.Prekey) EnvelopeCodec.decode(Bytes.wrapOwned(envelope)), Optional.empty()))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.AUTHENTICATION_FAILED));
        assertThat(bob.store().count(org.parley.e2ee.prekey.PrekeyKind.ONE_TIME_X25519)).isEqualTo(1);
        assertThat(bob.store().count(org.parley.e2ee.prekey.PrekeyKind.ONE_TIME_MLKEM768)).isEqualTo(1);
    }

    @Test
    void aMessageOnTheSignedPrekeyBeforeAnyReplyIsRefusedWithATypedErrorAndChangesNothing() throws Exception {
        // Before bob's first reply, alice's peer ratchet key is bob's signed prekey (public, in his
        // bundle) and she has no receiving chain: anyone can send her a header naming that key.
        Device alice = Fixtures.device("alice prekey header");
        Device bob = Fixtures.device("bob prekey header");
        Session aliceSession = SessionStart.initiate(alice.keys(), bob.verifiedBundle(), Fixtures.random("p"));
        aliceSession.encrypt(Fixtures.text("start", 1), Fixtures.random("p2"));
        for (long n : new long[] {0, 5}) {
            org.parley.e2ee.envelope.MessageHeader header = new org.parley.e2ee.envelope.MessageHeader(
                    bob.signed().publicKey(), 0, n, new org.parley.e2ee.envelope.PqField.None());
            Bytes forged = EnvelopeCodec.encode(new Envelope.Message(
                    new org.parley.e2ee.envelope.RatchetMessage(header, Bytes.wrapOwned(new byte[32]))));

            refusedWithoutChange(aliceSession, forged, E2eeError.PROTOCOL_VIOLATION);
        }
    }

    @Test
    void theLastU32MessageNumberIsNeitherSentNorReadSoBothSessionsStayStorable() throws Exception {
        Pair pair = Pair.established(E2eSuite.CLASSIC, "last message number");
        pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("hi", 1), pair.random));
        // Both sides far along bob's sending chain: only the counters move, the chain keys stay in
        // step, as if 2^32 - 3 more messages had been sent and received.
        pair.bobSession.state().sendN = 0xFFFF_FFFEL;
        pair.aliceSession.state().receiveN = 0xFFFF_FFFEL;
        assertThat(pair.aliceSession.decrypt(pair.bobSession.encrypt(Fixtures.text("last", 2), pair.random)).text())
                .isEqualTo("last");

        assertThatThrownBy(() -> pair.bobSession.encrypt(Fixtures.text("one too many", 3), pair.random))
                .isInstanceOfSatisfying(E2eeException.class,
                        e -> assertThat(e.error()).isEqualTo(E2eeError.PROTOCOL_VIOLATION));
        assertThat(SessionCodec.decode(SessionCodec.encode(pair.bobSession)).view()).isEqualTo(pair.bobSession.view());
        // What a sender without that limit would send as message 2^32 - 1, honestly encrypted.
        RatchetState bob = pair.bobSession.state();
        SymmetricChain chain = new SymmetricChain(Kdf.MESSAGE_LABEL);
        org.parley.e2ee.envelope.MessageHeader header = new org.parley.e2ee.envelope.MessageHeader(
                bob.selfRatchetPublic, bob.previousSendN, 0xFFFF_FFFFL, bob.sendPq);
        Bytes ciphertext = chain.seal(chain.step(bob.sendChainKey)[0], Bytes.concat(bob.associatedData,
                header.encode()), org.parley.e2ee.envelope.InnerMessageCodec.encode(Fixtures.text("past the end", 4)));
        refusedWithoutChange(pair.aliceSession, EnvelopeCodec.encode(new Envelope.Message(
                new org.parley.e2ee.envelope.RatchetMessage(header, ciphertext))), E2eeError.PROTOCOL_VIOLATION);
    }

    private static void refusedWithoutChange(Session session, Bytes envelope, E2eeError expected) {
        Bytes before = Pair.state(session);
        ThrowingCallable decrypt = () -> session.decrypt(envelope);

        assertThatThrownBy(decrypt).isInstanceOfSatisfying(E2eeException.class,
                e -> assertThat(e.error()).isEqualTo(expected));
        assertThat(Pair.state(session)).isEqualTo(before);
    }
}
