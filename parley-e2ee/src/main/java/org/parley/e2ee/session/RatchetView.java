package org.parley.e2ee.session;

import org.parley.e2ee.E2eSuite;

/**
 * A read-only look at a session's ratchet, for the Security panel and for teaching. Holds no key.
 *
 * @param suite the session's suite
 * @param dhSteps X25519 ratchet turns so far (sending and receiving)
 * @param pqSteps completed ML-KEM-768 ratchet steps (each counted once per side)
 * @param pqOfferOutstanding this device offered a PQ step that the peer has not answered yet
 * @param sendingChainLength N: messages sent in the current sending chain
 * @param receivingChainLength messages received (or skipped) in the current receiving chain
 * @param previousChainLength PN carried in this device's headers
 * @param skippedKeys message keys kept for messages not yet received
 * @param messagesSent messages encrypted in this session
 * @param messagesReceived messages decrypted in this session
 * @param awaitingFirstReply the initiator still sends session-start envelopes
 * @param oneTimePrekeyUsed the session start used a one-time X25519 prekey
 */
public record RatchetView(E2eSuite suite, long dhSteps, long pqSteps, boolean pqOfferOutstanding,
        long sendingChainLength, long receivingChainLength, long previousChainLength, int skippedKeys,
        long messagesSent, long messagesReceived, boolean awaitingFirstReply, boolean oneTimePrekeyUsed) {
}
