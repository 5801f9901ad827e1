package org.parley.e2ee.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.envelope.PqField;
import org.parley.e2ee.envelope.StartFields;
import org.parley.e2ee.prekey.PrekeyKind;

/**
 * The whole mutable state of one session (docs/E2EE.md, "Ratchet state"). Decryption works on a
 * {@link #copy()} that replaces the session's state only after the message authenticated.
 * Arrays held here are replaced, never written into, so a copy may share them.
 */
final class RatchetState {
    /** How many of the peer's earlier ratchet keys are remembered to recognise replays. */
    static final int REMEMBERED_PEER_KEYS = 32;

    E2eSuite suite;
    Bytes associatedData;
    Bytes baseKey;
    Bytes peerIdentity;
    boolean oneTimePrekeyUsed;
    Optional<PrekeyKind> kemPrekeyKind = Optional.empty();
    byte[] rootKey;
    byte[] selfRatchetPrivate;
    Bytes selfRatchetPublic;
    Bytes peerRatchetKey;
    byte[] sendChainKey;
    long sendN;
    long previousSendN;
    byte[] receiveChainKey;
    long receiveN;
    boolean sendRatchetDue;
    PqField sendPq = new PqField.None();
    byte[] pendingKemSeed;
    Bytes pendingKemKey;
    Bytes peerOffer;
    int chainsSincePq;
    long dhSteps;
    long pqSteps;
    long messagesSent;
    long messagesReceived;
    Optional<StartFields> pendingStart = Optional.empty();
    SkippedKeys skipped = new SkippedKeys();
    List<Bytes> previousPeerKeys = new ArrayList<>();

    RatchetState copy() {
        RatchetState c = new RatchetState();
        c.suite = suite;
        c.associatedData = associatedData;
        c.baseKey = baseKey;
        c.peerIdentity = peerIdentity;
        c.oneTimePrekeyUsed = oneTimePrekeyUsed;
        c.kemPrekeyKind = kemPrekeyKind;
        c.rootKey = rootKey;
        c.selfRatchetPrivate = selfRatchetPrivate;
        c.selfRatchetPublic = selfRatchetPublic;
        c.peerRatchetKey = peerRatchetKey;
        c.sendChainKey = sendChainKey;
        c.sendN = sendN;
        c.previousSendN = previousSendN;
        c.receiveChainKey = receiveChainKey;
        c.receiveN = receiveN;
        c.sendRatchetDue = sendRatchetDue;
        c.sendPq = sendPq;
        c.pendingKemSeed = pendingKemSeed;
        c.pendingKemKey = pendingKemKey;
        c.peerOffer = peerOffer;
        c.chainsSincePq = chainsSincePq;
        c.dhSteps = dhSteps;
        c.pqSteps = pqSteps;
        c.messagesSent = messagesSent;
        c.messagesReceived = messagesReceived;
        c.pendingStart = pendingStart;
        c.skipped = skipped.copy();
        c.previousPeerKeys = new ArrayList<>(previousPeerKeys);
        return c;
    }

    void rememberPeerKey(Bytes key) {
        previousPeerKeys.add(key);
        if (previousPeerKeys.size() > REMEMBERED_PEER_KEYS) {
            previousPeerKeys.removeFirst();
        }
    }

    @Override
    public String toString() {
        return "RatchetState[" + suite.label() + ", dh steps " + dhSteps + ", pq steps " + pqSteps + "]";
    }
}
