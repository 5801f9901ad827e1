package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.PinnedFingerprint;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherComponent;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.HashComponent;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.InsecureDeterministicRandom;
import org.parley.protocol.testing.TestCredentials;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HandshakeTest {
    private ServerCredentials credentials;

    @BeforeAll
    void makeServerKeys() {
        credentials = TestCredentials.all("handshake-test");
    }

    /** Every combination of every component the presets offer (COMPATIBLE is their union). */
    Stream<CipherSuite> everySuiteThePresetsOffer() {
        SuitePreferences all = Preset.COMPATIBLE.preferences();
        List<CipherSuite> suites = new ArrayList<>();
        for (KeyExchangeComponent kex : all.keyExchanges()) {
            for (SignatureComponent sig : all.signatures()) {
                for (CipherComponent cipher : all.ciphers()) {
                    for (HashComponent hash : all.hashes()) {
                        suites.add(new CipherSuite(kex, sig, cipher, hash));
                    }
                }
            }
        }
        return suites.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everySuiteThePresetsOffer")
    void completesWithEqualKeysAndCarriesDataBothWays(CipherSuite suite) {
        ChannelPair pair = connect(SuitePreferences.only(suite), SuitePreferences.only(suite), "suite " + suite);

        pair.client().send(Bytes.utf8("hello from the client, 你好"));
        pair.server().send(Bytes.utf8("hello from the server, 欢迎"));
        pair.pump();

        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.client().session().orElseThrow().suite()).isEqualTo(suite);
        assertThat(pair.client().session().orElseThrow().channelBinding())
                .isEqualTo(pair.server().session().orElseThrow().channelBinding());
        assertThat(ChannelPair.messages(pair.serverEvents())).containsExactly(Bytes.utf8("hello from the client, 你好"));
        assertThat(ChannelPair.messages(pair.clientEvents())).containsExactly(Bytes.utf8("hello from the server, 欢迎"));
    }

    @ParameterizedTest
    @EnumSource(Preset.class)
    void presetClientAndPresetServerAgreeOnTheServersPreferredSuite(Preset preset) {
        ChannelPair pair = connect(preset.preferences(), preset.preferences(), "preset " + preset);

        CipherSuite suite = pair.client().session().orElseThrow().suite();
        SuitePreferences prefs = preset.preferences();
        assertThat(suite).isEqualTo(new CipherSuite(prefs.keyExchanges().getFirst(), prefs.signatures().getFirst(),
                prefs.ciphers().getFirst(), prefs.hashes().getFirst()));
        assertThat(suite.securityBits()).isGreaterThanOrEqualTo(112);
    }

    @Test
    void modernPresetNegotiatesTheHybridPostQuantumSuite() {
        ChannelPair pair = connect(Preset.MODERN.preferences(), Preset.MODERN.preferences(), "modern");

        CipherSuite suite = pair.client().session().orElseThrow().suite();
        assertThat(suite.canonicalName()).isEqualTo("PARLEY1_X25519MLKEM768_ED25519_AES256GCM_SHA384");
        assertThat(suite.postQuantumConfidentiality()).isTrue();
    }

    @Test
    void serverPicksByItsOwnPreferenceAmongWhatTheClientOffered() {
        SuitePreferences clientOffer = new SuitePreferences(
                List.of(KeyExchangeComponent.X25519, KeyExchangeComponent.X448),
                List.of(SignatureComponent.ED448, SignatureComponent.ED25519),
                List.of(CipherComponent.AES_128_GCM, CipherComponent.CHACHA20_POLY1305),
                List.of(HashComponent.SHA256, HashComponent.SHA512));
        SuitePreferences serverPrefs = new SuitePreferences(
                List.of(KeyExchangeComponent.X448, KeyExchangeComponent.X25519),
                List.of(SignatureComponent.ED25519, SignatureComponent.ED448),
                List.of(CipherComponent.CHACHA20_POLY1305, CipherComponent.AES_128_GCM),
                List.of(HashComponent.SHA512, HashComponent.SHA256));

        ChannelPair pair = connect(clientOffer, serverPrefs, "preference");

        assertThat(pair.client().session().orElseThrow().suite().canonicalName())
                .isEqualTo("PARLEY1_X448_ED25519_CHACHA20POLY1305_SHA512");
    }

    @Test
    void failsWithHandshakeFailureWhenNoSuiteIsShared() {
        SuitePreferences clientOffer = SuitePreferences.only(CipherSuite.parse("PARLEY1_X25519_ED25519_AES256GCM_SHA256").orElseThrow());
        SuitePreferences serverPrefs = SuitePreferences.only(CipherSuite.parse("PARLEY1_X448_ED25519_AES256GCM_SHA256").orElseThrow());

        ChannelPair pair = pair(clientOffer, serverPrefs, "no overlap", fingerprint -> true).pump();

        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.HANDSHAKE_FAILURE);
        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.HANDSHAKE_FAILURE);
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void trustOnFirstUsePinsTheKeyAndAcceptsItAgain() {
        InMemoryPinStore pins = new InMemoryPinStore();
        List<Fingerprint> asked = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            var verifier = new TrustOnFirstUse(pins, "chat.example:7443", fingerprint -> asked.add(fingerprint));
            ChannelPair pair = new ChannelPair(
                    SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), verifier,
                            new InsecureDeterministicRandom("tofu client " + i), RecordLimits.defaults())),
                    SecureChannel.server(serverConfig(Preset.MODERN.preferences(), "tofu server " + i))).pump();
            assertThat(pair.client().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        }

        assertThat(asked).hasSize(1);
        assertThat(pins.pinned("chat.example:7443")).contains(asked.getFirst());
    }

    @Test
    void rejectsServerKeyThatIsNotPinned() {
        ServerCredentials otherServer = TestCredentials.forAlgorithms("impostor", SignatureComponent.ED25519);
        Fingerprint genuine = Fingerprint.of(SignatureComponent.ED25519,
                credentials.keyFor(SignatureComponent.ED25519).orElseThrow().publicKey());
        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), new PinnedFingerprint(genuine),
                        new InsecureDeterministicRandom("pin client"), RecordLimits.defaults())),
                SecureChannel.server(new ServerConfig(Preset.MODERN.preferences(), otherServer,
                        new InsecureDeterministicRandom("pin server"), RecordLimits.defaults()))).pump();

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.UNTRUSTED_SERVER_KEY);
        assertThat(pair.serverFailure().alert()).isEqualTo(Alert.UNTRUSTED_SERVER_KEY);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.FAILED);
    }

    @Test
    void changedServerKeyIsAHardFailureEvenWithTrustOnFirstUse() {
        InMemoryPinStore pins = new InMemoryPinStore();
        pins.pin("chat.example:7443", Fingerprint.of(SignatureComponent.ED25519,
                TestCredentials.forAlgorithms("old key", SignatureComponent.ED25519)
                        .keyFor(SignatureComponent.ED25519).orElseThrow().publicKey()));
        var verifier = new TrustOnFirstUse(pins, "chat.example:7443", fingerprint -> true);

        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), verifier,
                        new InsecureDeterministicRandom("changed client"), RecordLimits.defaults())),
                SecureChannel.server(serverConfig(Preset.MODERN.preferences(), "changed server"))).pump();

        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.UNTRUSTED_SERVER_KEY);
        assertThat(pair.clientFailure()).hasMessageContaining("CHANGED");
    }

    @Test
    void sessionReportsEveryHandshakeMessageWithSizeAndEncryption() {
        ChannelPair pair = connect(Preset.MODERN.preferences(), Preset.MODERN.preferences(), "steps");

        List<HandshakeStep> steps = pair.client().session().orElseThrow().steps();
        assertThat(steps).extracting(HandshakeStep::type).containsExactly(HandshakeType.CLIENT_HELLO,
                HandshakeType.SERVER_HELLO, HandshakeType.SERVER_IDENTITY, HandshakeType.SERVER_SIGNATURE,
                HandshakeType.FINISHED, HandshakeType.FINISHED);
        assertThat(steps).extracting(HandshakeStep::encrypted).containsExactly(false, false, true, true, true, true);
        assertThat(steps).allSatisfy(step -> assertThat(step.transcriptHashAfter().length()).isEqualTo(48));
        assertThat(pair.serverEvents()).first().isInstanceOfSatisfying(ChannelEvent.HandshakeCompleted.class,
                completed -> assertThat(completed.session().steps()).isEqualTo(steps));
        assertThat(pair.clientEvents()).first().isInstanceOf(ChannelEvent.HandshakeCompleted.class);
    }

    private ChannelPair connect(SuitePreferences clientOffer, SuitePreferences serverPrefs, String seed) {
        ChannelPair pair = pair(clientOffer, serverPrefs, seed, fingerprint -> true).pump();
        assertThat(pair.clientFailure()).as("client failure").isNull();
        assertThat(pair.serverFailure()).as("server failure").isNull();
        return pair;
    }

    private ChannelPair pair(SuitePreferences clientOffer, SuitePreferences serverPrefs, String seed,
            java.util.function.Predicate<Fingerprint> trust) {
        var verifier = new TrustOnFirstUse(new InMemoryPinStore(), "test", trust);
        return new ChannelPair(
                SecureChannel.client(new ClientConfig(clientOffer, verifier, new InsecureDeterministicRandom(seed + " client"),
                        RecordLimits.defaults())),
                SecureChannel.server(serverConfig(serverPrefs, seed)));
    }

    private ServerConfig serverConfig(SuitePreferences prefs, String seed) {
        return new ServerConfig(prefs, credentials, new InsecureDeterministicRandom(seed + " server"), RecordLimits.defaults());
    }

    @Test
    void aFirstContactWhoseHandshakeFailsLeavesNoPinBehind() {
        InMemoryPinStore pins = new InMemoryPinStore();
        var verifier = new TrustOnFirstUse(pins, "chat.example:7443", fingerprint -> true);
        ChannelPair pair = new ChannelPair(
                SecureChannel.client(new ClientConfig(Preset.MODERN.preferences(), verifier,
                        new InsecureDeterministicRandom("no pin client"), RecordLimits.defaults())),
                SecureChannel.server(serverConfig(Preset.MODERN.preferences(), "no pin server")))
                .tamperToClient(org.parley.protocol.testing.Tamper.flipPayloadBit(3, 20))
                .pump();

        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pins.pinned("chat.example:7443")).isEmpty();
    }
}
