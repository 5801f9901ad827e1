package org.parley.e2ee.prekey;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.StaticKeyAgreement;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.prekey.PrekeyPolicy.ServerCounts;

/**
 * A {@link PrekeyStore} in memory that also makes, rotates and tops up prekeys
 * ({@link #maintain}) and encodes itself for the client to persist ({@link PrekeyStoreCodec}).
 * Key ids count up from 1 per kind. Time is always passed in.
 */
public final class MemoryPrekeyStore implements PrekeyStore {
    /** Most private prekeys kept; past it the oldest one-time keys are dropped (docs/E2EE.md). */
    public static final int MAX_KEYS = 1000;

    private final Map<String, StoredPrekey> keys = new LinkedHashMap<>();
    private final Map<PrekeyKind, Long> nextIds = new EnumMap<>(PrekeyKind.class);

    public MemoryPrekeyStore() {
        for (PrekeyKind kind : PrekeyKind.values()) {
            nextIds.put(kind, 1L);
        }
    }

    @Override
    public Optional<AgreementKeyPair> signedPrekey(long keyId) {
        return agreement(PrekeyKind.SIGNED_X25519, keyId);
    }

    @Override
    public Optional<AgreementKeyPair> oneTimePrekey(long keyId) {
        return agreement(PrekeyKind.ONE_TIME_X25519, keyId);
    }

    @Override
    public Optional<KemKeyPair> kemPrekey(PrekeyKind kind, long keyId) {
        if (!kind.isKem()) {
            return Optional.empty();
        }
        StoredPrekey stored = keys.get(key(kind, keyId));
        try {
            return stored == null ? Optional.empty() : Optional.of(Kem.mlKem768().restore(stored.secret()));
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalStateException("stored ML-KEM seed has the wrong length", e);
        }
    }

    @Override
    public void removeOneTime(PrekeyKind kind, long keyId) {
        if (kind == PrekeyKind.ONE_TIME_X25519 || kind == PrekeyKind.ONE_TIME_MLKEM768) {
            StoredPrekey removed = keys.remove(key(kind, keyId));
            if (removed != null) {
                removed.secret().destroy();
            }
        }
    }

    /** How many private keys of {@code kind} are held. */
    public int count(PrekeyKind kind) {
        return (int) keys.values().stream().filter(k -> k.kind() == kind).count();
    }

    /**
     * Rotates and tops up according to {@code policy}: a new signed prekey (and last-resort KEM
     * prekey) when none exists or the newest is older than its rotation period; retired ones
     * deleted once older than rotation + grace; one-time pools refilled to their target when the
     * server's count is below the low-water mark. Returns the signed records to upload (empty when
     * nothing is due).
     */
    public List<PrekeyRecord> maintain(DeviceKeys device, ServerCounts server, Instant now, PrekeyPolicy policy,
            SecureRandom random) {
        List<PrekeyRecord> upload = new ArrayList<>();
        rotate(device, PrekeyKind.SIGNED_X25519, policy.signedPrekeyRotation(), now, random, upload);
        rotate(device, PrekeyKind.LAST_RESORT_MLKEM768, policy.lastResortRotation(), now, random, upload);
        retire(PrekeyKind.SIGNED_X25519, policy.signedPrekeyRotation().plus(policy.retiredKeyGrace()), now);
        retire(PrekeyKind.LAST_RESORT_MLKEM768, policy.lastResortRotation().plus(policy.retiredKeyGrace()), now);
        if (server.oneTimeX25519() < policy.oneTimeX25519LowWater()) {
            for (int i = server.oneTimeX25519(); i < policy.oneTimeX25519Target(); i++) {
                upload.add(generate(device, PrekeyKind.ONE_TIME_X25519, now, random));
            }
        }
        if (server.oneTimeKem() < policy.oneTimeKemLowWater()) {
            for (int i = server.oneTimeKem(); i < policy.oneTimeKemTarget(); i++) {
                upload.add(generate(device, PrekeyKind.ONE_TIME_MLKEM768, now, random));
            }
        }
        dropOldestOneTimeBeyondMaximum();
        return upload;
    }

    /** Makes, stores and signs one new prekey of {@code kind}. */
    public PrekeyRecord generate(DeviceKeys device, PrekeyKind kind, Instant now, SecureRandom random) {
        long keyId = nextIds.get(kind);
        if (keyId > 0xffff_ffffL) {
            throw new IllegalStateException("key ids of " + kind + " are exhausted");
        }
        nextIds.put(kind, keyId + 1);
        if (kind.isKem()) {
            KemKeyPair pair = Kem.mlKem768().generate(random);
            keys.put(key(kind, keyId), new StoredPrekey(kind, keyId, now, pair.seed()));
            return PrekeyRecord.sign(device, kind, keyId, pair.encapsulationKey());
        }
        AgreementKeyPair pair = StaticKeyAgreement.x25519().generate(random);
        keys.put(key(kind, keyId), new StoredPrekey(kind, keyId, now, pair.encodedPrivateKey()));
        return PrekeyRecord.sign(device, kind, keyId, pair.publicKey());
    }

    /** The newest key of {@code kind}, if any. */
    Optional<StoredPrekey> newest(PrekeyKind kind) {
        return keys.values().stream().filter(k -> k.kind() == kind).max(Comparator.comparingLong(StoredPrekey::keyId));
    }

    List<StoredPrekey> all() {
        return List.copyOf(keys.values());
    }

    Map<PrekeyKind, Long> nextIds() {
        return Map.copyOf(nextIds);
    }

    void restore(StoredPrekey stored, Map<PrekeyKind, Long> ids) {
        keys.put(key(stored.kind(), stored.keyId()), stored);
        nextIds.putAll(ids);
    }

    void restoreNextIds(Map<PrekeyKind, Long> ids) {
        nextIds.putAll(ids);
    }

    private void rotate(DeviceKeys device, PrekeyKind kind, java.time.Duration period, Instant now,
            SecureRandom random, List<PrekeyRecord> upload) {
        Optional<StoredPrekey> newest = newest(kind);
        if (newest.isEmpty() || !newest.get().createdAt().plus(period).isAfter(now)) {
            upload.add(generate(device, kind, now, random));
        }
    }

    private void retire(PrekeyKind kind, java.time.Duration maximumAge, Instant now) {
        long newestId = newest(kind).map(StoredPrekey::keyId).orElse(-1L);
        keys.values().removeIf(k -> k.kind() == kind && k.keyId() != newestId
                && !k.createdAt().plus(maximumAge).isAfter(now));
    }

    private void dropOldestOneTimeBeyondMaximum() {
        var iterator = keys.values().iterator();
        while (keys.size() > MAX_KEYS && iterator.hasNext()) {
            StoredPrekey next = iterator.next();
            if (next.kind() == PrekeyKind.ONE_TIME_X25519 || next.kind() == PrekeyKind.ONE_TIME_MLKEM768) {
                iterator.remove();
            }
        }
    }

    private Optional<AgreementKeyPair> agreement(PrekeyKind kind, long keyId) {
        StoredPrekey stored = keys.get(key(kind, keyId));
        try {
            return stored == null ? Optional.empty()
                    : Optional.of(StaticKeyAgreement.x25519().restore(stored.secret()));
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalStateException("stored X25519 key has the wrong length", e);
        }
    }

    private static String key(PrekeyKind kind, long keyId) {
        return kind.code() + ":" + keyId;
    }

    @Override
    public String toString() {
        return "MemoryPrekeyStore[" + keys.size() + " keys]";
    }
}
