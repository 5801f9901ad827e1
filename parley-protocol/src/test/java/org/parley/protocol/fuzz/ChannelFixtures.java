package org.parley.protocol.fuzz;

import java.nio.ByteBuffer;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Deterministic channels for the fuzz targets: Preset.COMPATIBLE on both sides, one Ed25519
 * server key from a fixed seed, and seeded randomness, so the same fuzz input always takes the
 * same path (libFuzzer needs that) and a recorded server flight or client Finished stays valid.
 *
 * <p>Not secure, by design: the "random" values repeat on every run. Test code only.
 */
final class ChannelFixtures {
    private static final byte[] SERVER_KEY_SEED = Bytes.fromHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60").toByteArray();
    private static final long CLIENT_RANDOM_SEED = 0x5041524c4559L;
    private static final long SERVER_RANDOM_SEED = 0x534552564552L;

    private ChannelFixtures() {
    }

    /** A fresh server channel with the fixed Ed25519 credential. */
    static SecureChannel server() {
        return SecureChannel.server(new ServerConfig(Preset.COMPATIBLE.preferences(), credentials(),
                seededRandom(SERVER_RANDOM_SEED), RecordLimits.defaults()));
    }

    /** A fresh client channel, already started: its ClientHello is queued. Trusts any server key. */
    static SecureChannel client() {
        return SecureChannel.client(new ClientConfig(Preset.COMPATIBLE.preferences(), (algorithm, key) -> { },
                seededRandom(CLIENT_RANDOM_SEED), RecordLimits.defaults()));
    }

    /** The frames {@link #client()} sends first: its ClientHello. */
    static byte[] clientHelloFrame() {
        return concat(client().drainOutbound());
    }

    /** Feeds every frame in {@code frames} to {@code channel} and returns what it sends back. */
    static byte[] exchange(SecureChannel channel, byte[] frames) throws ParleyException {
        channel.receive(ByteBuffer.wrap(frames));
        return concat(channel.drainOutbound());
    }

    static byte[] concat(List<Bytes> frames) {
        return Bytes.concat(frames.toArray(Bytes[]::new)).toByteArray();
    }

    private static ServerCredentials credentials() {
        try {
            var key = SignatureAlgorithm.ED25519.create().restore(SecretBytes.copyOf(SERVER_KEY_SEED));
            return new ServerCredentials(Map.of(SignatureComponent.ED25519, key));
        } catch (InvalidKeyMaterialException e) {
            throw new IllegalStateException("fixed Ed25519 seed rejected", e);
        }
    }

    /** SHA1PRNG seeded before first use is a deterministic stream: exactly what a fuzz target needs. */
    private static SecureRandom seededRandom(long seed) {
        try {
            SecureRandom random = SecureRandom.getInstance("SHA1PRNG");
            random.setSeed(seed);
            return random;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA1PRNG missing from this JDK", e);
        }
    }
}
