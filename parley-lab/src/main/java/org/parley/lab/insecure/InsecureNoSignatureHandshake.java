package org.parley.lab.insecure;

import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Parley's handshake with the ServerSignature taken out: the server sends its public key, the
 * client checks it against its pin, and the keys come from the ephemeral X25519 exchange alone.
 * Nothing proves that whoever answered the key exchange holds the private key of the public key
 * it showed.
 *
 * <p><b>Insecure on purpose</b>: an impostor copies the real server's public key (it is not
 * secret), passes the pin check and completes the key exchange itself. Lab only.
 */
public final class InsecureNoSignatureHandshake {
    private InsecureNoSignatureHandshake() {
    }

    /** Succeeded iff the pinned client ends up sharing its session secret with the impostor. */
    public static Outcome copiedKey(SignatureComponent algorithm, Bytes realServerKey, Trace trace) throws Exception {
        SecureRandom random = new SecureRandom();
        KeyExchange x25519 = KeyExchangeAlgorithm.X25519.create();
        EphemeralKeyShare client = x25519.generate(random);
        KeyExchange.Encapsulation impostor = x25519.respond(client.publicShare(), random);
        trace.add(Actor.ATTACKER, "insecure.nosig.present", realServerKey.toHex().substring(0, 16));
        Fingerprint pinned = Fingerprint.of(algorithm, realServerKey);
        Bytes presented = Bytes.copyOf(realServerKey.toByteArray());
        boolean pinMatches = Fingerprint.of(algorithm, presented).equals(pinned);
        trace.add(Actor.CLIENT, "insecure.nosig.pin", pinMatches);
        SecretBytes clientSecret = x25519.complete(client, impostor.response());
        boolean impostorHoldsKeys = clientSecret.equals(impostor.sharedSecret());
        trace.add(Actor.ATTACKER, "insecure.nosig.keys", impostorHoldsKeys);
        return pinMatches && impostorHoldsKeys ? Outcome.succeeded() : Outcome.defeated(new Check("-", "5.6", "-"));
    }
}
