package org.parley.protocol.testing;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;

/**
 * A test-only SecureRandom whose output is a fixed function of its seed (SHA-256 in counter mode),
 * so handshakes, keys and signatures are byte-exact across runs. Never use outside tests: it is
 * named Insecure so every use can be found with grep.
 */
public final class InsecureDeterministicRandom extends SecureRandom {
    private final byte[] seed;
    private long counter;
    private byte[] block = new byte[0];
    private int blockPosition;

    public InsecureDeterministicRandom(String seed) {
        super(new byte[0]);
        this.seed = seed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Override
    public synchronized void nextBytes(byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (blockPosition == block.length) {
                block = nextBlock();
                blockPosition = 0;
            }
            bytes[i] = block[blockPosition++];
        }
    }

    @Override
    public byte[] generateSeed(int numBytes) {
        byte[] out = new byte[numBytes];
        nextBytes(out);
        return out;
    }

    @Override
    public void setSeed(long ignored) {
        // Deterministic by construction: reseeding is ignored so outputs never change.
    }

    @Override
    public void setSeed(byte[] ignored) {
        // Deterministic by construction: reseeding is ignored so outputs never change.
    }

    private byte[] nextBlock() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(seed);
            sha.update(ByteBuffer.allocate(8).putLong(counter++).array());
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
