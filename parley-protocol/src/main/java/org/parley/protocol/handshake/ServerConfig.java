package org.parley.protocol.handshake;

import java.security.SecureRandom;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.suite.Preset;
import org.parley.protocol.suite.SuitePreferences;

/**
 * What a server accepts, in its order of preference, and the keys it proves its identity with.
 * Signatures the server has no key for are never chosen.
 */
public record ServerConfig(SuitePreferences preferences, ServerCredentials credentials, SecureRandom random,
        RecordLimits limits, InsecureSecretLog secretLog) {

    public ServerConfig {
        if (preferences.signatures().stream().noneMatch(credentials::has)) {
            throw new IllegalArgumentException("the server holds a key for none of its signature algorithms "
                    + preferences.signatures());
        }
    }

    /** A configuration that logs no secrets. */
    public ServerConfig(SuitePreferences preferences, ServerCredentials credentials, SecureRandom random, RecordLimits limits) {
        this(preferences, credentials, random, limits, InsecureSecretLog.NONE);
    }

    public static ServerConfig of(Preset preset, ServerCredentials credentials) {
        return new ServerConfig(preset.preferences(), credentials, new SecureRandom(), RecordLimits.defaults());
    }
}
