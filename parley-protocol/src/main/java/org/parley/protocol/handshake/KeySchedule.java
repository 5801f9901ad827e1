package org.parley.protocol.handshake;

import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.record.LabeledHkdf;

/**
 * Parley's key schedule (docs/PROTOCOL.md, "Key schedule"), in the shape of TLS 1.3's.
 *
 * <pre>
 *   handshake_secret = HKDF-Extract(salt = 0^H, ikm = shared_secret)
 *   c_hs = ExpandLabel(handshake_secret, "c hs traffic", TH(ServerHello), H)
 *   s_hs = ExpandLabel(handshake_secret, "s hs traffic", TH(ServerHello), H)
 *   master_secret = HKDF-Extract(salt = ExpandLabel(handshake_secret, "derived", Hash(""), H), ikm = 0^H)
 *   c_ap = ExpandLabel(master_secret, "c ap traffic", TH(ServerFinished), H)
 *   s_ap = ExpandLabel(master_secret, "s ap traffic", TH(ServerFinished), H)
 *   exporter = ExpandLabel(master_secret, "exporter", TH(ServerFinished), H)
 *   channel_binding = ExpandLabel(exporter, "channel binding", "", 32)
 *   finished_key = ExpandLabel(c_hs or s_hs, "finished", "", H)
 * </pre>
 *
 * <p><b>Security.</b> Client and server secrets have different labels, so a record can never be
 * reflected back to its sender. Intermediate secrets are wiped as soon as they are used.
 */
final class KeySchedule {
    static final int CHANNEL_BINDING_LENGTH = 32;

    private final LabeledHkdf hkdf;
    private final InsecureSecretLog log;
    private SecretBytes handshakeSecret;
    private SecretBytes clientHandshake;
    private SecretBytes serverHandshake;

    KeySchedule(LabeledHkdf hkdf, InsecureSecretLog log) {
        this.hkdf = hkdf;
        this.log = log;
    }

    LabeledHkdf hkdf() {
        return hkdf;
    }

    /** Derives the handshake traffic secrets; wipes {@code sharedSecret}. */
    void deriveHandshakeSecrets(SecretBytes sharedSecret, Bytes transcriptAfterServerHello) {
        log.log("shared secret", sharedSecret);
        handshakeSecret = hkdf.hash().hkdfExtract(Bytes.empty(), sharedSecret);
        sharedSecret.destroy();
        clientHandshake = hkdf.expand(handshakeSecret, "c hs traffic", transcriptAfterServerHello, hkdf.hash().length());
        serverHandshake = hkdf.expand(handshakeSecret, "s hs traffic", transcriptAfterServerHello, hkdf.hash().length());
        log.log("handshake secret", handshakeSecret);
        log.log("c hs traffic", clientHandshake);
        log.log("s hs traffic", serverHandshake);
    }

    SecretBytes clientHandshakeTrafficCopy() {
        return SecretBytes.copyOf(clientHandshake.revealCopy());
    }

    SecretBytes serverHandshakeTrafficCopy() {
        return SecretBytes.copyOf(serverHandshake.revealCopy());
    }

    Bytes clientFinished(Bytes transcript) {
        return finished(clientHandshake, transcript);
    }

    Bytes serverFinished(Bytes transcript) {
        return finished(serverHandshake, transcript);
    }

    /** Derives application secrets and the channel binding; wipes every handshake secret. */
    ApplicationSecrets deriveApplicationSecrets(Bytes transcriptAfterServerFinished) {
        int length = hkdf.hash().length();
        Bytes emptyHash = hkdf.hash().digest(Bytes.empty());
        SecretBytes master;
        try (SecretBytes derived = hkdf.expand(handshakeSecret, "derived", emptyHash, length);
                SecretBytes zeros = SecretBytes.zeros(length)) {
            master = hkdf.hash().hkdfExtract(Bytes.wrapOwned(derived.revealCopy()), zeros);
        }
        SecretBytes client = hkdf.expand(master, "c ap traffic", transcriptAfterServerFinished, length);
        SecretBytes server = hkdf.expand(master, "s ap traffic", transcriptAfterServerFinished, length);
        Bytes binding;
        try (SecretBytes exporter = hkdf.expand(master, "exporter", transcriptAfterServerFinished, length);
                SecretBytes cb = hkdf.expand(exporter, "channel binding", Bytes.empty(), CHANNEL_BINDING_LENGTH)) {
            binding = Bytes.wrapOwned(cb.revealCopy());
            log.log("master secret", master);
            log.log("c ap traffic", client);
            log.log("s ap traffic", server);
            log.log("exporter", exporter);
        }
        master.destroy();
        return new ApplicationSecrets(client, server, binding);
    }

    /** Wipes every secret still held. */
    void destroy() {
        for (SecretBytes secret : new SecretBytes[] {handshakeSecret, clientHandshake, serverHandshake}) {
            if (secret != null) {
                secret.destroy();
            }
        }
    }

    private Bytes finished(SecretBytes trafficSecret, Bytes transcript) {
        try (SecretBytes key = hkdf.expand(trafficSecret, "finished")) {
            return hkdf.hash().hmac(key, transcript);
        }
    }

    /** The outputs of the key schedule that outlive the handshake. */
    record ApplicationSecrets(SecretBytes client, SecretBytes server, Bytes channelBinding) {
    }
}
