package org.parley.crypto.kex;

import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;

/**
 * ML-KEM-768 as a bare {@link Kem} on {@link JdkMlKem768}. A key pair is generated from a 64-byte
 * seed d ‖ z drawn from the caller's random, and restored by replaying that seed to the JDK's key
 * generator (FIPS 203 ML-KEM.KeyGen_internal is deterministic in d and z).
 */
public final class JdkMlKem768Kem implements Kem {
    static final int SEED_LENGTH = 64;

    @Override
    public int encapsulationKeyLength() {
        return JdkMlKem768.ENCAPSULATION_KEY_LENGTH;
    }

    @Override
    public int ciphertextLength() {
        return JdkMlKem768.CIPHERTEXT_LENGTH;
    }

    @Override
    public int seedLength() {
        return SEED_LENGTH;
    }

    @Override
    public KemKeyPair generate(SecureRandom random) {
        byte[] seed = new byte[SEED_LENGTH];
        random.nextBytes(seed);
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    @Override
    public KemKeyPair restore(SecretBytes seed) throws InvalidKeyMaterialException {
        if (seed.length() != SEED_LENGTH) {
            throw new InvalidKeyMaterialException("ML-KEM-768 seed must be " + SEED_LENGTH + " bytes, got "
                    + seed.length());
        }
        byte[] raw = seed.revealCopy();
        try {
            return fromSeed(raw);
        } finally {
            Arrays.fill(raw, (byte) 0);
        }
    }

    @Override
    public Encapsulation encapsulate(Bytes encapsulationKey, SecureRandom random) throws InvalidKeyMaterialException {
        return JdkMlKem768.encapsulate(JdkMlKem768.parseEncapsulationKey(encapsulationKey), random);
    }

    @Override
    public void checkEncapsulationKey(Bytes encapsulationKey) throws InvalidKeyMaterialException {
        JdkMlKem768.checkEncapsulationKey(JdkMlKem768.parseEncapsulationKey(encapsulationKey));
    }

    @Override
    public SecretBytes decapsulate(KemKeyPair own, Bytes ciphertext) throws InvalidKeyMaterialException {
        if (!(own instanceof MlKemKeyPair pair)) {
            throw new IllegalArgumentException("key pair was not made by ML-KEM-768");
        }
        return JdkMlKem768.decapsulate(pair.privateKey(), ciphertext);
    }

    private static KemKeyPair fromSeed(byte[] seed) {
        SeedStream replay = new SeedStream(seed);
        KeyPair keyPair = JdkMlKem768.generate(replay);
        replay.checkFullyConsumed();
        return new MlKemKeyPair(JdkMlKem768.encode(keyPair.getPublic()), keyPair.getPrivate(), seed);
    }
}
