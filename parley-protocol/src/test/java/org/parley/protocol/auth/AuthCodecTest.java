package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.wire.WireWriter;

/** Round trips, strictness and robustness of {@link AuthCodec}. */
class AuthCodecTest {
    private static final ScramVerifier VERIFIER = new ScramVerifier(ScramMechanism.SCRAM_SHA_512,
            Bytes.fromHex("00112233445566778899aabbccddeeff"), 210_000, filled(64, 1), filled(64, 2));

    static Stream<AuthMessage> samples() {
        return Stream.of(
                new ScramClientFirst(ScramMechanism.SCRAM_SHA_256, "p=parley-exporter,,n=alice,r=abc"),
                new ScramServerFirst("r=abcdef,s=AAECAwQFBgcICQoLDA0ODw==,i=600000"),
                new ScramClientFinal("c=cD1wYXJsZXktZXhwb3J0ZXIsLA==,r=abcdef,p=AAAA"),
                new ScramServerFinal("v=AAAA"),
                new PublicKeyLogin("Zo\u00eb", SignatureComponent.ML_DSA_65, filled(1952, 3), filled(3309, 4)),
                new Register("alice", VERIFIER, Optional.empty()),
                new Register("bob", VERIFIER, Optional.of("invite-\u00e9")),
                new AuthSucceeded("alice", AuthMethod.PUBLIC_KEY),
                AuthFailed.of(AuthFailureCode.INVALID_CREDENTIALS),
                AuthFailed.registrationRejected(RegistrationRejection.USERNAME_TAKEN));
    }

    @Test
    void samplesCoverEveryMessageType() {
        EnumSet<AuthMessageType> covered = EnumSet.noneOf(AuthMessageType.class);
        samples().forEach(message -> covered.add(message.type()));

        assertThat(covered).isEqualTo(EnumSet.allOf(AuthMessageType.class));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void roundTripsEveryMessageType(AuthMessage message) throws Exception {
        Bytes encoded = AuthCodec.encode(message);

        AuthMessage decoded = AuthCodec.decode(encoded);

        assertThat(decoded).isEqualTo(message);
        assertThat(encoded.get(0) & 0xff).isEqualTo(message.type().code());
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rejectsEveryTruncation(AuthMessage message) {
        Bytes encoded = AuthCodec.encode(message);

        for (int length = 0; length < encoded.length(); length++) {
            Bytes prefix = encoded.slice(0, length);
            assertThatThrownBy(() -> AuthCodec.decode(prefix)).as("prefix of %d bytes", length)
                    .isInstanceOf(WireFormatException.class);
        }
    }

    @ParameterizedTest
    @MethodSource("samples")
    void rejectsTrailingBytes(AuthMessage message) {
        Bytes longer = Bytes.concat(AuthCodec.encode(message), Bytes.fromHex("00"));

        assertThatThrownBy(() -> AuthCodec.decode(longer)).isInstanceOf(WireFormatException.class)
                .hasMessageContaining("trailing");
    }

    @Test
    void rejectsScramTextOverItsMaximumBeforeReadingIt() {
        Bytes encoded = new WireWriter().u8(AuthMessageType.SCRAM_SERVER_FINAL.code()).u16(AuthCodec.MAX_SCRAM_TEXT + 1).toBytes();

        assertThatThrownBy(() -> AuthCodec.decode(encoded)).isInstanceOfSatisfying(WireFormatException.class,
                e -> assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW));
    }

    @Test
    void rejectsOverLongFieldsOfEveryBoundedKind() {
        List<Bytes> overLong = List.of(
                new WireWriter().u8(AuthMessageType.AUTH_SUCCEEDED.code()).utf8Vector8("a".repeat(65)).u8(1).toBytes(),
                new WireWriter().u8(AuthMessageType.PUBLIC_KEY_LOGIN.code()).utf8Vector8("a").u16(0x0101)
                        .vector16(filled(AuthCodec.MAX_PUBLIC_KEY + 1, 0)).vector16(filled(64, 0)).toBytes(),
                new WireWriter().u8(AuthMessageType.PUBLIC_KEY_LOGIN.code()).utf8Vector8("a").u16(0x0101)
                        .vector16(filled(32, 0)).vector16(filled(AuthCodec.MAX_SIGNATURE + 1, 0)).toBytes(),
                registerWith(filled(65, 0), 210_000, filled(64, 0), Optional.empty()),
                registerWith(filled(16, 0), 210_000, filled(65, 0), Optional.empty()),
                registerWith(filled(16, 0), 210_000, filled(64, 0), Optional.of("i".repeat(65))));

        for (Bytes encoded : overLong) {
            assertThatThrownBy(() -> AuthCodec.decode(encoded)).isInstanceOfSatisfying(WireFormatException.class,
                    e -> assertThat(e.alert()).isEqualTo(Alert.RECORD_OVERFLOW));
        }
    }

    @Test
    void rejectsIterationCountsOutsideTheWireRange() {
        for (long iterations : new long[] {0, ScramMechanism.MAX_ITERATIONS + 1L, 0xffffffffL}) {
            Bytes encoded = registerWith(filled(16, 0), iterations, filled(64, 0), Optional.empty());
            assertThatThrownBy(() -> AuthCodec.decode(encoded)).isInstanceOfSatisfying(WireFormatException.class,
                    e -> assertThat(e.alert()).isEqualTo(Alert.ILLEGAL_PARAMETER));
        }
    }

    @Test
    void rejectsUnknownCodes() {
        List<Bytes> unknown = List.of(Bytes.fromHex("00"), Bytes.fromHex("09"), Bytes.fromHex("ff"),
                Bytes.fromHex("0800"), Bytes.fromHex("0807"), Bytes.fromHex("080600"), Bytes.fromHex("080607"),
                new WireWriter().u8(1).u8(3).utf8Vector16("x").toBytes(),
                new WireWriter().u8(7).utf8Vector8("alice").u8(0).toBytes(),
                new WireWriter().u8(5).utf8Vector8("a").u16(0x0999).vector16(filled(32, 0)).vector16(filled(64, 0)).toBytes());

        for (Bytes encoded : unknown) {
            assertThatThrownBy(() -> AuthCodec.decode(encoded)).as(encoded.toHex()).isInstanceOf(WireFormatException.class);
        }
    }

    @Test
    void rejectsReasonOnNonRegistrationFailure() {
        Bytes encoded = Bytes.fromHex("080102");

        assertThatThrownBy(() -> AuthCodec.decode(encoded)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void rejectsUsernameNotInNfcAndInvalidUtf8() {
        Bytes decomposed = new WireWriter().u8(7).utf8Vector8("e\u0301").u8(1).toBytes();
        Bytes invalidUtf8 = new WireWriter().u8(7).vector8(Bytes.fromHex("c328")).u8(1).toBytes();

        assertThatThrownBy(() -> AuthCodec.decode(decomposed)).isInstanceOfSatisfying(WireFormatException.class,
                e -> assertThat(e.alert()).isEqualTo(Alert.ILLEGAL_PARAMETER));
        assertThatThrownBy(() -> AuthCodec.decode(invalidUtf8)).isInstanceOf(WireFormatException.class);
    }

    @Test
    void mutatedAndRandomInputsFailOnlyWithWireFormatExceptionAndDecodeCanonically() {
        Random random = new Random(20261129);
        List<Bytes> seeds = samples().map(AuthCodec::encode).toList();
        for (int i = 0; i < 20_000; i++) {
            byte[] input = i % 4 == 0 ? randomBytes(random) : mutate(seeds.get(random.nextInt(seeds.size())), random);
            Bytes bytes = Bytes.wrapOwned(input);

            Throwable thrown = catchThrowable(() -> assertThat(AuthCodec.encode(AuthCodec.decode(bytes))).isEqualTo(bytes));

            assertThat(thrown == null || thrown instanceof WireFormatException)
                    .as("input %s threw %s", bytes, thrown).isTrue();
        }
    }

    private static byte[] randomBytes(Random random) {
        byte[] input = new byte[random.nextInt(40)];
        random.nextBytes(input);
        return input;
    }

    private static byte[] mutate(Bytes seed, Random random) {
        byte[] input = seed.toByteArray();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits && input.length > 0; e++) {
            switch (random.nextInt(3)) {
                case 0 -> input[random.nextInt(input.length)] ^= (byte) (1 << random.nextInt(8));
                case 1 -> input[random.nextInt(input.length)] = (byte) random.nextInt(256);
                default -> input = Arrays.copyOf(input, random.nextInt(input.length + 2));
            }
        }
        return input;
    }

    private static Bytes registerWith(Bytes salt, long iterations, Bytes key, Optional<String> invite) {
        WireWriter out = new WireWriter().u8(AuthMessageType.REGISTER.code()).utf8Vector8("alice")
                .u8(ScramMechanism.SCRAM_SHA_512.code()).vector8(salt).u32(iterations).vector8(key).vector8(key)
                .bool(invite.isPresent());
        invite.ifPresent(out::utf8Vector8);
        return out.toBytes();
    }

    private static Bytes filled(int length, int value) {
        byte[] bytes = new byte[length];
        Arrays.fill(bytes, (byte) value);
        return Bytes.wrapOwned(bytes);
    }
}
