package org.parley.e2ee.group;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.envelope.InnerMessageCodec;

/**
 * This device's sending chain in one room for one epoch: a chain key ratcheted once per message
 * (the previous chain key and each message key are wiped at once) and an Ed25519 key that signs
 * every envelope. Remembers which devices it was given to, so a removal forces a new epoch.
 */
final class OutboundChain {
    private final RoomKdf kdf = new RoomKdf();
    private final String roomId;
    private final DeviceRef self;
    private final long epoch;
    private final SigningKey signingKey;
    private final Instant createdAt;
    private final Set<DeviceRef> recipients = new TreeSet<>(Membership.DEVICE_ORDER);
    private byte[] chainKey;
    private long iteration;

    private OutboundChain(String roomId, DeviceRef self, long epoch, byte[] chainKey, SigningKey signingKey,
            Instant createdAt) {
        this.roomId = roomId;
        this.self = self;
        this.epoch = epoch;
        this.chainKey = chainKey;
        this.signingKey = signingKey;
        this.createdAt = createdAt;
    }

    /** A fresh chain. Random draws, in order: chain key (32 bytes), Ed25519 seed (32 bytes). */
    static OutboundChain start(String roomId, DeviceRef self, long epoch, Instant now, SecureRandom random) {
        byte[] chainKey = new byte[32];
        random.nextBytes(chainKey);
        SigningKey signing = SignatureAlgorithm.ED25519.create().generate(random);
        return new OutboundChain(roomId, self, epoch, chainKey, signing, now);
    }

    /** Restores a stored chain (RoomSessionCodec). */
    static OutboundChain restore(String roomId, DeviceRef self, long epoch, long iteration, byte[] chainKey,
            SigningKey signingKey, Instant createdAt, Set<DeviceRef> recipients) {
        OutboundChain chain = new OutboundChain(roomId, self, epoch, chainKey, signingKey, createdAt);
        chain.iteration = iteration;
        chain.recipients.addAll(recipients);
        return chain;
    }

    byte[] chainKeyCopy() {
        return chainKey.clone();
    }

    SigningKey signingKey() {
        return signingKey;
    }

    /** The chain's current state for {@code recipient}, who is recorded as holding it from now on. */
    SenderKeyDistribution distributeTo(DeviceRef recipient, VerifiedLog log) {
        recipients.add(recipient);
        return new SenderKeyDistribution(roomId, self, epoch, iteration, SecretBytes.copyOf(chainKey),
                signingKey.publicKey(), log.size(), log.head());
    }

    /** {@code recipient}'s distribution was never sent: it does not hold the chain. */
    void undelivered(DeviceRef recipient) {
        recipients.remove(recipient);
    }

    Bytes encrypt(InnerMessage message) {
        byte[][] keys = kdf.step(chainKey);
        Bytes header = RoomEnvelope.header(roomId, self, epoch, iteration);
        Bytes ciphertext = kdf.seal(keys[0], Bytes.concat(RoomKdf.MESSAGE_LABEL, header),
                InnerMessageCodec.encode(message));
        Arrays.fill(keys[0], (byte) 0);
        Arrays.fill(chainKey, (byte) 0);
        chainKey = keys[1];
        iteration++;
        Bytes unsigned = Bytes.concat(header, Bytes.wrapOwned(new byte[] {(byte) (ciphertext.length() >>> 8),
            (byte) ciphertext.length()}), ciphertext);
        Bytes signature = signingKey.sign(Bytes.concat(RoomKdf.MESSAGE_LABEL, unsigned), null);
        return Bytes.concat(unsigned, signature);
    }

    long epoch() {
        return epoch;
    }

    long iteration() {
        return iteration;
    }

    Instant createdAt() {
        return createdAt;
    }

    boolean wasGivenTo(DeviceRef device) {
        return recipients.contains(device);
    }

    Set<DeviceRef> recipients() {
        return Set.copyOf(recipients);
    }

    void destroy() {
        Arrays.fill(chainKey, (byte) 0);
    }
}
