package org.parley.lab.insecure;

import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;

/**
 * A challenge-response password login without channel binding: the server sends a nonce, the
 * client answers {@code HMAC(key derived from the password, nonce)}. The proof says "I know the
 * password" but not "on this connection", so a machine in the middle that the victim connected to
 * simply passes the server's nonce to the victim and the victim's answer to the server.
 *
 * <p><b>Insecure on purpose</b>: Parley's SCRAM always binds the proof to the 32-byte channel
 * binding of the connection (PROTOCOL.md 9.5, 13.4). Lab only.
 */
public final class InsecureUnboundLogin {
    private InsecureUnboundLogin() {
    }

    /** Relays one login through a machine in the middle; succeeded iff the server accepts the relayed proof. */
    public static Outcome relay(Trace trace) {
        SecureRandom random = new SecureRandom();
        HashFunction sha256 = HashAlgorithm.SHA256.create();
        SecretBytes passwordKey = sha256.hmacSecret(SecretBytes.copyOf("salt".getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                Bytes.utf8("correct horse battery staple"));
        byte[] nonce = new byte[16];
        random.nextBytes(nonce);
        Bytes challenge = Bytes.wrapOwned(nonce);
        trace.add(Actor.SERVER, "insecure.unbound.challenge", challenge.toHex().substring(0, 16));
        trace.add(Actor.ATTACKER, "insecure.unbound.forward");
        Bytes proof = sha256.hmac(passwordKey, challenge); // computed by the victim, on its connection to the attacker
        trace.add(Actor.CLIENT, "insecure.unbound.proof", proof.toHex().substring(0, 16));
        boolean accepted = sha256.verifyHmac(passwordKey, challenge, proof); // checked by the server, on the attacker's connection
        trace.add(Actor.SERVER, "insecure.unbound.accepted", accepted);
        return accepted ? Outcome.succeeded() : Outcome.defeated(new Check("-", "9.5", "-"));
    }
}
