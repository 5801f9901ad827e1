package org.parley.protocol.handshake;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.CipherSuite;
import org.parley.protocol.suite.KeyExchangeComponent;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.testing.ChannelPair;
import org.parley.protocol.testing.Connections;
import org.parley.protocol.testing.Tamper;
import org.parley.protocol.testing.TestCredentials;

/**
 * A man in the middle who strips the client's offer down to a weaker component, or rewrites the
 * server's choice, is caught: the full offer and choice are in the transcript that keys, the
 * server signature and both Finished MACs depend on.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DowngradeTest {
    private static final SuitePreferences ALL = Preset.COMPATIBLE.preferences();
    private Connections connections;

    @BeforeAll
    void makeServerKeys() {
        connections = new Connections(TestCredentials.all("downgrade-test"));
    }

    /** Every (component the client prefers, component the attacker forces) pair of each kind. */
    static Stream<Arguments> offeredAndForced() {
        List<Arguments> pairs = new ArrayList<>();
        List<List<? extends SuiteComponent>> kinds = List.of(ALL.keyExchanges(), ALL.signatures(), ALL.ciphers(), ALL.hashes());
        for (List<? extends SuiteComponent> kind : kinds) {
            for (SuiteComponent forced : kind.subList(1, kind.size())) {
                pairs.add(Arguments.of(kind.getFirst(), forced));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "offered {0}, forced {1}")
    @MethodSource("offeredAndForced")
    void strippingTheOfferDownToOneWeakerComponentIsDetected(SuiteComponent offered, SuiteComponent forced) {
        ChannelPair pair = connections.pair(ALL, ALL, RecordLimits.defaults(), "strip " + forced)
                .tamperToServer(Tamper.clientHello(hello -> stripTo(hello, forced)))
                .pump();

        ServerHello sentByServer = (ServerHello) Tamper.decodePlaintext(pair.framesToClient().getFirst());
        assertThat(List.<SuiteComponent>of(sentByServer.suite().keyExchange(), sentByServer.suite().signature(),
                sentByServer.suite().cipher(), sentByServer.suite().hash())).as("the attack did force the server").contains(forced);
        assertThat(pair.clientFailure()).isNotNull();
        assertThat(pair.clientFailure().alert()).isEqualTo(Alert.BAD_RECORD);
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().session()).isEmpty();
    }

    @ParameterizedTest(name = "chosen {0} rewritten to {1}")
    @MethodSource("offeredAndForced")
    void rewritingTheServersChoiceIsDetected(SuiteComponent chosen, SuiteComponent rewritten) {
        ChannelPair pair = connections.pair(ALL, ALL, RecordLimits.defaults(), "rewrite " + rewritten)
                .tamperToClient(Tamper.serverHello(hello -> new ServerHello(hello.random(), replace(hello.suite(), rewritten),
                        hello.keyExchangeResponse())))
                .pump();

        assertThat(pair.clientFailure()).isNotNull();
        assertThat(pair.clientFailure().alert()).isIn(Alert.BAD_RECORD, Alert.ILLEGAL_PARAMETER);
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.FAILED);
        assertThat(pair.server().session()).isEmpty();
    }

    private static ClientHello stripTo(ClientHello hello, SuiteComponent forced) {
        SuitePreferences offer = hello.offer();
        SuitePreferences stripped = switch (forced) {
            case KeyExchangeComponent kex -> new SuitePreferences(List.of(kex), offer.signatures(), offer.ciphers(), offer.hashes());
            case org.parley.protocol.suite.SignatureComponent sig -> new SuitePreferences(offer.keyExchanges(), List.of(sig), offer.ciphers(), offer.hashes());
            case org.parley.protocol.suite.CipherComponent cipher -> new SuitePreferences(offer.keyExchanges(), offer.signatures(), List.of(cipher), offer.hashes());
            case org.parley.protocol.suite.HashComponent hash -> new SuitePreferences(offer.keyExchanges(), offer.signatures(), offer.ciphers(), List.of(hash));
        };
        List<KeyShare> shares = hello.keyShares().stream().filter(s -> stripped.keyExchanges().contains(s.keyExchange())).toList();
        return new ClientHello(hello.random(), stripped, shares);
    }

    private static CipherSuite replace(CipherSuite suite, SuiteComponent component) {
        return switch (component) {
            case KeyExchangeComponent kex -> new CipherSuite(kex, suite.signature(), suite.cipher(), suite.hash());
            case org.parley.protocol.suite.SignatureComponent sig -> new CipherSuite(suite.keyExchange(), sig, suite.cipher(), suite.hash());
            case org.parley.protocol.suite.CipherComponent cipher -> new CipherSuite(suite.keyExchange(), suite.signature(), cipher, suite.hash());
            case org.parley.protocol.suite.HashComponent hash -> new CipherSuite(suite.keyExchange(), suite.signature(), suite.cipher(), hash);
        };
    }
}
