package org.parley.protocol.testing;

import java.util.EnumMap;
import java.util.Map;
import org.parley.crypto.SigningKey;
import org.parley.protocol.identity.ServerCredentials;
import org.parley.protocol.suite.SignatureComponent;

/** Server signing keys for tests, generated from a fixed seed so fingerprints are stable. */
public final class TestCredentials {
    private TestCredentials() {
    }

    /** One key for each given algorithm. */
    public static ServerCredentials forAlgorithms(String seed, SignatureComponent... algorithms) {
        Map<SignatureComponent, SigningKey> keys = new EnumMap<>(SignatureComponent.class);
        for (SignatureComponent algorithm : algorithms) {
            keys.put(algorithm, algorithm.algorithm().create().generate(new InsecureDeterministicRandom(seed + "/" + algorithm)));
        }
        return new ServerCredentials(keys);
    }

    /** One key for every signature algorithm Parley offers. */
    public static ServerCredentials all(String seed) {
        return forAlgorithms(seed, SignatureComponent.values());
    }
}
