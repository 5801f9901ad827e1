package org.parley.protocol.handshake;

import java.security.SecureRandom;
import org.parley.protocol.identity.ServerKeyVerifier;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuitePreferences;

/**
 * What a client offers and whom it trusts.
 *
 * @param offer the ordered components offered; usually a {@link Preset}'s
 * @param serverKeyVerifier decides whether the server's long-term key is trusted (pinning)
 * @param random all randomness of the handshake; tests inject a fixed one for byte-exact vectors
 * @param secretLog receives derived secrets; {@link InsecureSecretLog#NONE} except in tests and teaching tools
 */
public record ClientConfig(SuitePreferences offer, ServerKeyVerifier serverKeyVerifier, SecureRandom random,
        RecordLimits limits, InsecureSecretLog secretLog) {

    /** A configuration that logs no secrets. */
    public ClientConfig(SuitePreferences offer, ServerKeyVerifier serverKeyVerifier, SecureRandom random, RecordLimits limits) {
        this(offer, serverKeyVerifier, random, limits, InsecureSecretLog.NONE);
    }

    public static ClientConfig of(Preset preset, ServerKeyVerifier verifier) {
        return new ClientConfig(preset.preferences(), verifier, new SecureRandom(), RecordLimits.defaults());
    }
}
