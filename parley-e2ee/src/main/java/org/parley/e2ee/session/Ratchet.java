package org.parley.e2ee.session;

import java.security.SecureRandom;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.AuthenticationFailedException;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.StaticKeyAgreement;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.envelope.MessageHeader;
import org.parley.e2ee.envelope.PqField;
import org.parley.e2ee.envelope.RatchetMessage;

/**
 * The double ratchet with post-quantum steps (docs/E2EE.md, "Double ratchet" and "Post-quantum
 * ratchet step"), as operations on a {@link RatchetState} the caller has copied. Any exception
 * leaves the caller's original state untouched because the caller discards the copy.
 */
final class Ratchet {
    /** A device offers a post-quantum step on its sending chain when this many chains passed since its last one. */
    static final int PQ_INTERVAL = 2;
    /**
     * 2^32 - 1: no chain sends a message with this number (a chain holds at most 2^32 - 1), because
     * after it the chain's counter would be 2^32, which the stored session's u32 cannot hold.
     */
    static final long LAST_MESSAGE_NUMBER = 0xffff_ffffL;

    private final Kdf kdf = new Kdf();
    private final StaticKeyAgreement x25519 = StaticKeyAgreement.x25519();
    private final Kem kem;

    Ratchet() {
        this(Kem.mlKem768());
    }

    /** With {@code kem} for the post-quantum steps (tests record what happens to its key pairs). */
    Ratchet(Kem kem) {
        this.kem = kem;
    }

    /** Encrypts {@code plaintext} on {@code s}, turning the sending ratchet first if due. */
    RatchetMessage encrypt(RatchetState s, Bytes plaintext, SecureRandom random) throws E2eeException {
        if (s.sendRatchetDue) {
            sendingStep(s, random);
        }
        if (s.sendN >= LAST_MESSAGE_NUMBER) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "sending chain exhausted");
        }
        byte[][] keys = kdf.chainStep(s.sendChainKey);
        s.sendChainKey = keys[1];
        MessageHeader header = new MessageHeader(s.selfRatchetPublic, s.previousSendN, s.sendN, s.sendPq);
        s.sendN++;
        s.messagesSent++;
        Bytes ciphertext = kdf.seal(keys[0], Bytes.concat(s.associatedData, header.encode()), plaintext);
        java.util.Arrays.fill(keys[0], (byte) 0);
        return new RatchetMessage(header, ciphertext);
    }

    /** Decrypts {@code message} on {@code s}; the caller commits {@code s} only if this returns. */
    Bytes decrypt(RatchetState s, RatchetMessage message) throws E2eeException {
        MessageHeader header = message.header();
        if (header.messageNumber() >= LAST_MESSAGE_NUMBER) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "message number past a chain's last message");
        }
        byte[] messageKey = s.skipped.take(header.ratchetKey(), header.messageNumber());
        if (messageKey == null) {
            if (header.ratchetKey().equals(s.peerRatchetKey)) {
                if (s.receiveChainKey == null) {
                    // The initiator before the first reply: the peer key is the responder's signed
                    // prekey, which is public and never a sending chain of the peer.
                    throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "message on the peer's signed prekey, "
                            + "which is not a sending chain");
                }
                if (header.messageNumber() < s.receiveN) {
                    throw new E2eeException(E2eeError.DUPLICATE_MESSAGE, "message " + header.messageNumber()
                            + " of this chain was already received");
                }
            } else {
                if (s.previousPeerKeys.contains(header.ratchetKey())) {
                    throw new E2eeException(E2eeError.DUPLICATE_MESSAGE, "message of an earlier chain was already "
                            + "received or its key expired");
                }
                if (s.receiveChainKey != null) {
                    skipTo(s, header.previousChainLength());
                }
                receivingStep(s, header);
            }
            skipTo(s, header.messageNumber());
            byte[][] keys = kdf.chainStep(s.receiveChainKey);
            s.receiveChainKey = keys[1];
            s.receiveN = header.messageNumber() + 1;
            messageKey = keys[0];
        }
        try {
            Bytes plaintext = kdf.open(messageKey, Bytes.concat(s.associatedData, header.encode()), message.ciphertext());
            s.messagesReceived++;
            s.pendingStart = java.util.Optional.empty();
            return plaintext;
        } catch (AuthenticationFailedException e) {
            throw new E2eeException(E2eeError.AUTHENTICATION_FAILED, "message does not authenticate", e);
        }
    }

    private void skipTo(RatchetState s, long until) throws E2eeException {
        if (until - s.receiveN > SkippedKeys.MAX_PER_CHAIN) {
            throw new E2eeException(E2eeError.TOO_MANY_SKIPPED, "message would skip " + (until - s.receiveN)
                    + " keys, more than " + SkippedKeys.MAX_PER_CHAIN);
        }
        while (s.receiveN < until) {
            byte[][] keys = kdf.chainStep(s.receiveChainKey);
            s.skipped.put(s.peerRatchetKey, s.receiveN, keys[0]);
            s.receiveChainKey = keys[1];
            s.receiveN++;
        }
    }

    /** The peer turned its ratchet: derive the new receiving chain, settling the PQ field. */
    private void receivingStep(RatchetState s, MessageHeader header) throws E2eeException {
        SecretBytes pqSecret = SecretBytes.zeros(0);
        Bytes binding = Bytes.empty();
        PqField pq = header.pq();
        if (!s.suite.postQuantumRatchet() && !(pq instanceof PqField.None)) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "suite " + s.suite.label() + " has no PQ steps");
        }
        if (pq instanceof PqField.Answer(Bytes ciphertext)) {
            if (s.pendingKemSeed == null) {
                throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "PQ answer without an offer");
            }
            // The restored key pair and its seed copy are destroyed once the answer is decapsulated.
            try (SecretBytes seed = SecretBytes.copyOf(s.pendingKemSeed); KemKeyPair pending = kem.restore(seed)) {
                pqSecret = kem.decapsulate(pending, ciphertext);
            } catch (InvalidKeyMaterialException e) {
                throw new E2eeException(E2eeError.INVALID_KEY, "PQ answer unusable", e);
            }
            binding = kdf.hash(Bytes.concat(s.pendingKemKey, ciphertext));
            s.pendingKemSeed = null;
            s.pendingKemKey = null;
            s.pqSteps++;
        } else if (s.pendingKemSeed != null) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "peer's new chain does not answer the PQ offer");
        }
        if (pq instanceof PqField.Offer(Bytes encapsulationKey)) {
            try {
                // Checked now, not at the next send: kept, a bad key would fail every later send.
                kem.checkEncapsulationKey(encapsulationKey);
            } catch (InvalidKeyMaterialException e) {
                throw new E2eeException(E2eeError.INVALID_KEY, "peer's PQ offer fails the ML-KEM key check", e);
            }
            s.peerOffer = encapsulationKey;
        }
        if (s.peerRatchetKey != null) {
            s.rememberPeerKey(s.peerRatchetKey);
        }
        s.peerRatchetKey = header.ratchetKey();
        SecretBytes dh = agree(s.selfRatchetPrivate, header.ratchetKey());
        byte[][] keys = kdf.rootStep(s.rootKey, Kdf.concat(dh, pqSecret), s.suite, binding);
        dh.destroy();
        pqSecret.destroy();
        s.rootKey = keys[0];
        s.receiveChainKey = keys[1];
        s.receiveN = 0;
        s.sendRatchetDue = true;
        s.dhSteps++;
    }

    /** Our turn: a fresh ratchet key, answering or offering a PQ step when due. */
    void sendingStep(RatchetState s, SecureRandom random) throws E2eeException {
        AgreementKeyPair fresh = x25519.generate(random);
        SecretBytes pqSecret = SecretBytes.zeros(0);
        Bytes binding = Bytes.empty();
        s.chainsSincePq++;
        s.sendPq = new PqField.None();
        if (s.suite.postQuantumRatchet() && s.peerOffer != null) {
            Encapsulation answer;
            try {
                answer = kem.encapsulate(s.peerOffer, random);
            } catch (InvalidKeyMaterialException e) {
                throw new E2eeException(E2eeError.INVALID_KEY, "peer's PQ offer fails the ML-KEM key check", e);
            }
            pqSecret = answer.sharedSecret();
            binding = kdf.hash(Bytes.concat(s.peerOffer, answer.response()));
            s.sendPq = new PqField.Answer(answer.response());
            s.peerOffer = null;
            s.chainsSincePq = 0;
            s.pqSteps++;
        } else if (s.suite.postQuantumRatchet() && s.pendingKemSeed == null && s.chainsSincePq >= PQ_INTERVAL) {
            // Only the seed is kept (in the state, until the answer); the key pair is destroyed here.
            try (KemKeyPair offer = kem.generate(random); SecretBytes seed = offer.seed()) {
                s.pendingKemSeed = seed.revealCopy();
                s.pendingKemKey = offer.encapsulationKey();
                s.sendPq = new PqField.Offer(offer.encapsulationKey());
            }
            s.chainsSincePq = 0;
        }
        SecretBytes dh;
        try {
            dh = fresh.agree(s.peerRatchetKey);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "peer ratchet key is unusable", e);
        }
        byte[][] keys = kdf.rootStep(s.rootKey, Kdf.concat(dh, pqSecret), s.suite, binding);
        dh.destroy();
        pqSecret.destroy();
        s.rootKey = keys[0];
        s.sendChainKey = keys[1];
        s.previousSendN = s.sendN;
        s.sendN = 0;
        s.selfRatchetPrivate = fresh.encodedPrivateKey().revealCopy();
        s.selfRatchetPublic = fresh.publicKey();
        fresh.destroy();
        s.sendRatchetDue = false;
        s.dhSteps++;
    }

    private SecretBytes agree(byte[] privateKey, Bytes peer) throws E2eeException {
        try (AgreementKeyPair own = x25519.restore(SecretBytes.copyOf(privateKey))) {
            return own.agree(peer);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "peer ratchet key is unusable", e);
        }
    }
}
