package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.Tamper;
import org.parley.protocol.testing.TestCredentials;

/** Malformed, low-order and off-curve key shares are refused with ILLEGAL_PARAMETER before any key is derived. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InvalidKeyShareTest {
    /** Low-order X25519 points (RFC 7748 section 5 discussion; Wycheproof LowOrderPublic). */
    private static final List<String> X25519_LOW_ORDER = List.of(
            "0000000000000000000000000000000000000000000000000000000000000000",
            "0100000000000000000000000000000000000000000000000000000000000000",
            "e0eb7a7c3b41b8ae1656e3faf19fc46ada098deb9c32b1fd866205165f49b800",
            "5f9c95bca3508c24b1d0b1559c83ef5b04445cc4581c8e86d8224eddd09f1157",
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");

    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.all("key-share-test"));
    }

    private ChannelPair withClientShare(String suiteName, UnaryOperator<Bytes> editShare) {
        SuitePreferences prefs = SuitePreferences.only(CipherSuite.parse(suiteName).orElseThrow());
        return connections.pair(prefs, prefs, RecordLimits.defaults(), "share " + suiteName)
                .tamperToServer(Tamper.clientHello(hello -> new ClientHello(hello.random(), hello.offer(),
                        hello.keyShares().stream().map(s -> new KeyShare(s.keyExchange(), editShare.apply(s.share()))).toList())))
                .pump();
    }

    private static void assertRefusedByServer(ChannelPair pair) {
        assertThat(pair.serverFailure()).isNotNull();
        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void refusesEveryLowOrderX25519Share() {
        for (String point : X25519_LOW_ORDER) {
            assertRefusedByServer(withClientShare("PARLEY1_X25519_ED25519_AES256GCM_SHA256", share -> Bytes.fromHex(point)));
        }
    }

    @Test
    void refusesAnAllZeroX448Share() {
        assertRefusedByServer(withClientShare("PARLEY1_X448_ED25519_AES256GCM_SHA256", share -> Bytes.wrapOwned(new byte[56])));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"PARLEY1_P256_ED25519_AES256GCM_SHA256", "PARLEY1_P384_ED25519_AES256GCM_SHA256"})
    void refusesAPointThatIsNotOnTheCurve(String suite) {
        assertRefusedByServer(withClientShare(suite, share -> {
            byte[] bytes = share.toByteArray();
            bytes[bytes.length - 1] ^= 1;
            return Bytes.wrapOwned(bytes);
        }));
    }

    @Test
    void refusesACompressedPoint() {
        assertRefusedByServer(withClientShare("PARLEY1_P256_ED25519_AES256GCM_SHA256", share -> {
            byte[] bytes = share.slice(0, 33).toByteArray();
            bytes[0] = 0x02;
            return Bytes.wrapOwned(bytes);
        }));
    }

    @Test
    void refusesThePointAtInfinity() {
        assertRefusedByServer(withClientShare("PARLEY1_P256_ED25519_AES256GCM_SHA256", share -> Bytes.fromHex("00")));
    }

    @Test
    void refusesATruncatedHybridShare() {
        assertRefusedByServer(withClientShare("PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA256", share -> share.slice(0, share.length() - 1)));
    }

    @Test
    void refusesAPaddedHybridShare() {
        assertRefusedByServer(withClientShare("PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA256",
                share -> Bytes.concat(share, Bytes.fromHex("00"))));
    }

    @Test
    void refusesAHybridShareWhoseMlKemKeyFailsTheModulusCheck() {
        assertRefusedByServer(withClientShare("PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA256", share -> {
            byte[] bytes = share.toByteArray();
            bytes[0] = (byte) 0xff;
            bytes[1] = (byte) 0x0f;
            return Bytes.wrapOwned(bytes);
        }));
    }

    @Test
    void refusesAHybridShareWithALowOrderClassicalPart() {
        assertRefusedByServer(withClientShare("PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA256", share -> {
            byte[] bytes = share.toByteArray();
            java.util.Arrays.fill(bytes, bytes.length - 32, bytes.length, (byte) 0);
            return Bytes.wrapOwned(bytes);
        }));
    }

    @Test
    void clientRefusesALowOrderServerResponse() {
        SuitePreferences prefs = SuitePreferences.only(CipherSuite.parse("PARLEY1_X25519_ED25519_AES256GCM_SHA256").orElseThrow());
        ChannelPair pair = connections.pair(prefs, prefs, RecordLimits.defaults(), "server share")
                .tamperToClient(Tamper.serverHello(hello -> new ServerHello(hello.random(), hello.suite(),
                        Bytes.fromHex(X25519_LOW_ORDER.get(2)))))
                .pump();

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.ILLEGAL_PARAMETER);
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void usesTheModulusCheckPositionOfTheHybridShareDocumentedInTheSpec() {
        // The hybrid client share is ML-KEM-768 encapsulation key (1184) then X25519 (32).
        assertThat(KeyExchangeComponent.X25519_MLKEM768.algorithm().create().publicShareLength()).isEqualTo(1184 + 32);
        assertThat(KeyExchangeComponent.X25519_MLKEM768.algorithm().create().responseLength()).isEqualTo(1088 + 32);
    }
}
