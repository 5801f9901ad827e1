package org.parley.protocol.testing;

import static org.assertj.core.api.Assertions.assertThat;

import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.handshake.ClientConfig;
import org.parley.protocol.handshake.ServerConfig;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.identity.TrustOnFirstUse;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.SuitePreferences;

/** Builds client/server channel pairs with deterministic randomness for tests. */
public final class Connections {
    private final ServerCredentials credentials;

    public Connections(ServerCredentials credentials) {
        this.credentials = credentials;
    }

    /** An unconnected pair; call {@link ChannelPair#pump()} to run the handshake. */
    public ChannelPair pair(SuitePreferences clientOffer, SuitePreferences serverPrefs, RecordLimits limits, String seed) {
        return pair(clientOffer, serverPrefs, limits, limits, seed);
    }

    /** An unconnected pair whose sides have different record limits. */
    public ChannelPair pair(SuitePreferences clientOffer, SuitePreferences serverPrefs, RecordLimits clientLimits,
            RecordLimits serverLimits, String seed) {
        var verifier = new TrustOnFirstUse(new InMemoryPinStore(), "test", fingerprint -> true);
        return new ChannelPair(
                SecureChannel.client(new ClientConfig(clientOffer, verifier, new InsecureDeterministicRandom(seed + " client"), clientLimits)),
                SecureChannel.server(new ServerConfig(serverPrefs, credentials, new InsecureDeterministicRandom(seed + " server"), serverLimits)));
    }

    /** A pair whose handshake has completed without failure. */
    public ChannelPair established(SuitePreferences prefs, RecordLimits limits, String seed) {
        ChannelPair pair = pair(prefs, prefs, limits, seed).pump();
        assertThat(pair.client().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        assertThat(pair.server().state()).isEqualTo(SecureChannel.State.ESTABLISHED);
        return pair;
    }
}
