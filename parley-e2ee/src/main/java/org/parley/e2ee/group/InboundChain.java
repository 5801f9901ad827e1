package org.parley.e2ee.group;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.parley.crypto.Bytes;

/**
 * Another device's sender chain as this device holds it: the chain key at {@code next}, the signing
 * public key, and skipped message keys for late messages (at most {@link #MAX_SKIPPED} kept, oldest
 * dropped). Immutable: {@link #keyFor} returns the key and the chain after it, so the session
 * commits only after the message authenticated.
 */
final class InboundChain {
    /** Most message keys one message may make this device skip. */
    static final int MAX_SKIP = 1000;
    /** Most skipped message keys kept per chain. */
    static final int MAX_SKIPPED = 1000;
    /** 2^32 - 1: the first iteration no chain reaches (a chain holds at most 2^32 - 1 messages). */
    static final long LAST_ITERATION = 0xFFFF_FFFFL;

    private final long epoch;
    private final Bytes signingKey;
    private final byte[] chainKey;
    private final long next;
    private final LinkedHashMap<Long, byte[]> skipped;

    InboundChain(long epoch, Bytes signingKey, byte[] chainKey, long next, LinkedHashMap<Long, byte[]> skipped) {
        this.epoch = epoch;
        this.signingKey = signingKey;
        this.chainKey = chainKey;
        this.next = next;
        this.skipped = skipped;
    }

    static InboundChain of(SenderKeyDistribution distribution) {
        return new InboundChain(distribution.epoch(), distribution.signingKey(), distribution.chainKey().revealCopy(),
                distribution.iteration(), new LinkedHashMap<>());
    }

    /** The message key for {@code iteration} and the chain without it. */
    Step keyFor(long iteration, RoomKdf kdf) throws RoomException {
        if (iteration < next) {
            byte[] key = skipped.get(iteration);
            if (key == null) {
                throw new RoomException(RoomError.DUPLICATE_MESSAGE, "message " + iteration + " of epoch " + epoch
                        + " was already read or is older than the chain this device holds");
            }
            LinkedHashMap<Long, byte[]> rest = new LinkedHashMap<>(skipped);
            rest.remove(iteration);
            return new Step(key.clone(), new InboundChain(epoch, signingKey, chainKey, next, rest));
        }
        if (iteration >= LAST_ITERATION) {
            // No chain sends it (a chain holds at most 2^32 - 1 messages), and reading it would leave
            // next = 2^32, which the stored form's u32 cannot hold.
            throw new RoomException(RoomError.OUT_OF_WINDOW, "message " + iteration + " is past a chain's last iteration");
        }
        if (iteration - next > MAX_SKIP) {
            throw new RoomException(RoomError.OUT_OF_WINDOW, "message " + iteration + " would skip more than "
                    + MAX_SKIP + " keys");
        }
        LinkedHashMap<Long, byte[]> rest = new LinkedHashMap<>(skipped);
        byte[] key = chainKey;
        for (long i = next; i <= iteration; i++) {
            byte[][] step = kdf.step(key);
            if (i < iteration) {
                rest.put(i, step[0]);
            }
            key = step[1];
            if (i == iteration) {
                while (rest.size() > MAX_SKIPPED) {
                    rest.remove(rest.keySet().iterator().next());
                }
                return new Step(step[0], new InboundChain(epoch, signingKey, key, iteration + 1, rest));
            }
        }
        throw new IllegalStateException("unreachable");
    }

    /** The chain without its {@code count} oldest skipped keys (the keys it keeps, and its chain key, shared). */
    InboundChain withoutOldestSkipped(int count) {
        LinkedHashMap<Long, byte[]> rest = new LinkedHashMap<>(skipped);
        java.util.Iterator<Long> oldest = rest.keySet().iterator();
        for (int i = 0; i < count && oldest.hasNext(); i++) {
            oldest.next();
            oldest.remove();
        }
        return new InboundChain(epoch, signingKey, chainKey, next, rest);
    }

    /** Wipes what this chain holds that its successor does not share. */
    void wipeReplacedBy(InboundChain successor) {
        if (successor.chainKey != chainKey) {
            Arrays.fill(chainKey, (byte) 0);
        }
        for (Map.Entry<Long, byte[]> entry : skipped.entrySet()) {
            if (!successor.skipped.containsKey(entry.getKey())) {
                Arrays.fill(entry.getValue(), (byte) 0);
            }
        }
    }

    /** Wipes the chain key and every skipped key (the chain is being dropped). */
    void wipe() {
        Arrays.fill(chainKey, (byte) 0);
        skipped.values().forEach(key -> Arrays.fill(key, (byte) 0));
    }

    byte[] chainKeyCopy() {
        return chainKey.clone();
    }

    /** The skipped keys, oldest first (copies). */
    LinkedHashMap<Long, byte[]> skippedCopy() {
        LinkedHashMap<Long, byte[]> copy = new LinkedHashMap<>();
        skipped.forEach((iteration, key) -> copy.put(iteration, key.clone()));
        return copy;
    }

    long epoch() {
        return epoch;
    }

    Bytes signingKey() {
        return signingKey;
    }

    long next() {
        return next;
    }

    int skippedCount() {
        return skipped.size();
    }

    /** A message key and the chain after taking it. */
    record Step(byte[] messageKey, InboundChain after) {
    }
}
