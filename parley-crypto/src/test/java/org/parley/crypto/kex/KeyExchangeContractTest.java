package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.crypto.kex.PeerInputOutcome.acceptedOrEmpty;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;

/** What every {@link KeyExchange} must do, checked for each {@link KeyExchangeAlgorithm}. */
class KeyExchangeContractTest {

    private static int secretLength(KeyExchangeAlgorithm algorithm) {
        return switch (algorithm) {
            case X25519, ECDH_P256, X25519_MLKEM768 -> 32;
            case X448 -> 56;
            case ECDH_P384 -> 48;
        };
    }

    private static int shareLength(KeyExchangeAlgorithm algorithm) {
        return switch (algorithm) {
            case X25519 -> 32;
            case X448 -> 56;
            case ECDH_P256 -> 65;
            case ECDH_P384 -> 97;
            case X25519_MLKEM768 -> 1216;
        };
    }

    private static int responseLength(KeyExchangeAlgorithm algorithm) {
        return algorithm == KeyExchangeAlgorithm.X25519_MLKEM768 ? 1120 : shareLength(algorithm);
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void clientAndServerDeriveTheSameSecret(KeyExchangeAlgorithm algorithm) throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client " + algorithm));

        Encapsulation server = kex.respond(share.publicShare(), TestRandom.seeded("server " + algorithm));
        SecretBytes client = kex.complete(share, server.response());

        assertThat(kex.algorithm()).isEqualTo(algorithm);
        assertThat(share.algorithm()).isEqualTo(algorithm);
        assertThat(client).isEqualTo(server.sharedSecret());
        assertThat(client.length()).isEqualTo(secretLength(algorithm));
        assertThat(client.isAllZero()).isFalse();
        assertThat(share.publicShare().length()).isEqualTo(shareLength(algorithm)).isEqualTo(kex.publicShareLength());
        assertThat(server.response().length()).isEqualTo(responseLength(algorithm)).isEqualTo(kex.responseLength());
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void sameDeterministicRandomnessGivesByteIdenticalRuns(KeyExchangeAlgorithm algorithm)
            throws InvalidKeyMaterialException {
        Run first = run(algorithm, "seed A");
        Run second = run(algorithm, "seed A");
        Run other = run(algorithm, "seed B");

        assertThat(second.share()).isEqualTo(first.share());
        assertThat(second.response()).isEqualTo(first.response());
        assertThat(second.secret()).isEqualTo(first.secret());
        // Proves the outputs really come from the injected randomness, not from elsewhere.
        assertThat(other.share()).isNotEqualTo(first.share());
        assertThat(other.response()).isNotEqualTo(first.response());
        assertThat(other.secret()).isNotEqualTo(first.secret());
    }

    private record Run(Bytes share, Bytes response, SecretBytes secret) {
    }

    private static Run run(KeyExchangeAlgorithm algorithm, String seed) throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        TestRandom random = TestRandom.seeded(seed);
        EphemeralKeyShare share = kex.generate(random);
        Encapsulation server = kex.respond(share.publicShare(), random);
        return new Run(share.publicShare(), server.response(), kex.complete(share, server.response()));
    }

    /*
     * One bit per byte (a different bit position in each byte) keeps the hybrid's 1216-byte share
     * affordable while touching every byte of every component. Plain X25519 ignores the top bit
     * of a u-coordinate by RFC 7748 section 5, so that bit is covered by its own test in
     * X25519KeyExchangeTest instead.
     */
    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void aFlippedBitInTheShareIsRejectedOrChangesTheSecret(KeyExchangeAlgorithm algorithm)
            throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        List<Integer> accepted = new ArrayList<>();

        for (Bytes flipped : bitFlips(share.publicShare(), algorithm)) {
            Optional<Encapsulation> server = acceptedOrEmpty(() -> kex.respond(flipped, TestRandom.seeded("server")));
            Optional<SecretBytes> client = server.flatMap(s -> acceptedOrEmpty(() -> kex.complete(share, s.response())));
            if (client.isPresent() && client.get().equals(server.get().sharedSecret())) {
                accepted.add(firstDifference(flipped, share.publicShare()));
            }
        }

        assertThat(accepted).as("share bytes whose flipped bit kept the secret").isEmpty();
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void aFlippedBitInTheResponseIsRejectedOrChangesTheSecret(KeyExchangeAlgorithm algorithm)
            throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Encapsulation server = kex.respond(share.publicShare(), TestRandom.seeded("server"));
        List<Integer> accepted = new ArrayList<>();

        for (Bytes flipped : bitFlips(server.response(), algorithm)) {
            Optional<SecretBytes> client = acceptedOrEmpty(() -> kex.complete(share, flipped));
            if (client.isPresent() && client.get().equals(server.sharedSecret())) {
                accepted.add(firstDifference(flipped, server.response()));
            }
        }

        assertThat(accepted).as("response bytes whose flipped bit kept the secret").isEmpty();
    }

    private static List<Bytes> bitFlips(Bytes original, KeyExchangeAlgorithm algorithm) {
        List<Bytes> flips = new ArrayList<>();
        for (int i = 0; i < original.length(); i++) {
            int bit = i % 8;
            if (algorithm == KeyExchangeAlgorithm.X25519 && i == 31 && bit == 7) {
                bit = 6;
            }
            byte[] copy = original.toByteArray();
            copy[i] ^= (byte) (1 << bit);
            flips.add(Bytes.wrapOwned(copy));
        }
        return flips;
    }

    private static int firstDifference(Bytes a, Bytes b) {
        int i = 0;
        while (a.get(i) == b.get(i)) {
            i++;
        }
        return i;
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void rejectsSharesOfTheWrongLength(KeyExchangeAlgorithm algorithm) {
        KeyExchange kex = algorithm.create();
        Bytes share = kex.generate(TestRandom.seeded("client")).publicShare();

        for (Bytes wrong : wrongLengths(share)) {
            assertThatThrownBy(() -> kex.respond(wrong, TestRandom.seeded("server")))
                    .as("share of %d bytes", wrong.length())
                    .isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void rejectsResponsesOfTheWrongLength(KeyExchangeAlgorithm algorithm) throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Bytes response = kex.respond(share.publicShare(), TestRandom.seeded("server")).response();

        for (Bytes wrong : wrongLengths(response)) {
            assertThatThrownBy(() -> kex.complete(share, wrong))
                    .as("response of %d bytes", wrong.length())
                    .isInstanceOf(InvalidKeyMaterialException.class);
        }
    }

    private static List<Bytes> wrongLengths(Bytes valid) {
        return List.of(
                Bytes.empty(),
                Bytes.fromHex("04"),
                valid.slice(0, valid.length() - 1),
                Bytes.concat(valid, Bytes.fromHex("00")),
                Bytes.concat(valid, valid));
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void completeAfterDestroyFailsAndDestroyIsIdempotent(KeyExchangeAlgorithm algorithm)
            throws InvalidKeyMaterialException {
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare share = kex.generate(TestRandom.seeded("client"));
        Bytes response = kex.respond(share.publicShare(), TestRandom.seeded("server")).response();

        share.destroy();
        share.close();

        assertThatThrownBy(() -> kex.complete(share, response)).isInstanceOf(IllegalStateException.class);
        assertThat(share.toString()).contains("destroyed");
    }

    @ParameterizedTest
    @EnumSource(value = KeyExchangeAlgorithm.class, names = {"X25519", "X448", "ECDH_P256", "ECDH_P384"})
    void destroyWipesTheScalar(KeyExchangeAlgorithm algorithm) {
        ScalarKeyShare share = (ScalarKeyShare) algorithm.create().generate(TestRandom.seeded("client"));
        byte[] scalar = share.privateKey();
        assertThat(scalar).isNotEqualTo(new byte[scalar.length]);

        share.destroy();

        assertThat(scalar).containsOnly(0);
    }

    @ParameterizedTest
    @EnumSource(KeyExchangeAlgorithm.class)
    void refusesAShareMadeByAnotherAlgorithm(KeyExchangeAlgorithm algorithm) throws InvalidKeyMaterialException {
        KeyExchangeAlgorithm other = algorithm == KeyExchangeAlgorithm.X25519
                ? KeyExchangeAlgorithm.X448 : KeyExchangeAlgorithm.X25519;
        KeyExchange kex = algorithm.create();
        EphemeralKeyShare foreign = other.create().generate(TestRandom.seeded("client"));
        EphemeralKeyShare own = kex.generate(TestRandom.seeded("client"));
        Bytes response = kex.respond(own.publicShare(), TestRandom.seeded("server")).response();

        assertThatThrownBy(() -> kex.complete(foreign, response)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void createReturnsAnImplementationForEveryAlgorithm() {
        for (KeyExchangeAlgorithm algorithm : KeyExchangeAlgorithm.values()) {
            assertThat(algorithm.create().algorithm()).isEqualTo(algorithm);
        }
    }
}
