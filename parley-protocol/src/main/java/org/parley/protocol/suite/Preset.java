package org.parley.protocol.suite;

import static org.parley.protocol.suite.CipherComponent.AES_128_GCM;
import static org.parley.protocol.suite.CipherComponent.AES_256_CTR_HMAC_SHA256;
import static org.parley.protocol.suite.CipherComponent.AES_256_CTR_HMAC_SHA3_256;
import static org.parley.protocol.suite.CipherComponent.AES_256_CTR_HMAC_SHA512;
import static org.parley.protocol.suite.CipherComponent.AES_256_GCM;
import static org.parley.protocol.suite.CipherComponent.CHACHA20_POLY1305;
import static org.parley.protocol.suite.HashComponent.SHA256;
import static org.parley.protocol.suite.HashComponent.SHA384;
import static org.parley.protocol.suite.HashComponent.SHA3_256;
import static org.parley.protocol.suite.HashComponent.SHA512;
import static org.parley.protocol.suite.KeyExchangeComponent.ECDHE_P256;
import static org.parley.protocol.suite.KeyExchangeComponent.ECDHE_P384;
import static org.parley.protocol.suite.KeyExchangeComponent.X25519;
import static org.parley.protocol.suite.KeyExchangeComponent.X25519_MLKEM768;
import static org.parley.protocol.suite.KeyExchangeComponent.X448;
import static org.parley.protocol.suite.SignatureComponent.ECDSA_P256_SHA256;
import static org.parley.protocol.suite.SignatureComponent.ECDSA_P384_SHA384;
import static org.parley.protocol.suite.SignatureComponent.ED25519;
import static org.parley.protocol.suite.SignatureComponent.ED448;
import static org.parley.protocol.suite.SignatureComponent.ML_DSA_65;
import static org.parley.protocol.suite.SignatureComponent.RSA_PSS_3072_SHA256;

import java.util.List;

/**
 * Named security presets, the choice most users make instead of listing components.
 *
 * <p>Reviewed 2026-11: every preset is at least 112-bit secure and forward secret; none offers
 * unauthenticated encryption or static-key transport.
 */
public enum Preset {
    /**
     * The default: recommended components only, hybrid post-quantum key exchange preferred with
     * X25519 as the fallback, AES-256-GCM (fastest AEAD on this hardware) first.
     */
    MODERN(new SuitePreferences(
            List.of(X25519_MLKEM768, X25519, X448),
            List.of(ED25519, ML_DSA_65, ED448),
            List.of(AES_256_GCM, CHACHA20_POLY1305, AES_128_GCM),
            List.of(SHA384, SHA256, SHA512))),

    /** Hybrid X25519 + ML-KEM-768 required; post-quantum ML-DSA-65 signatures preferred. */
    PQ(new SuitePreferences(
            List.of(X25519_MLKEM768),
            List.of(ML_DSA_65, ED25519, ED448),
            List.of(AES_256_GCM, CHACHA20_POLY1305),
            List.of(SHA384, SHA512))),

    /** The widest set still at least 112-bit secure, for interoperability tests and teaching. */
    COMPATIBLE(new SuitePreferences(
            List.of(X25519_MLKEM768, X25519, X448, ECDHE_P256, ECDHE_P384),
            List.of(ED25519, ML_DSA_65, ED448, ECDSA_P256_SHA256, ECDSA_P384_SHA384, RSA_PSS_3072_SHA256),
            List.of(AES_256_GCM, CHACHA20_POLY1305, AES_128_GCM,
                    AES_256_CTR_HMAC_SHA256, AES_256_CTR_HMAC_SHA512, AES_256_CTR_HMAC_SHA3_256),
            List.of(SHA384, SHA256, SHA512, SHA3_256)));

    private final SuitePreferences preferences;

    Preset(SuitePreferences preferences) {
        this.preferences = preferences;
    }

    public SuitePreferences preferences() {
        return preferences;
    }
}
