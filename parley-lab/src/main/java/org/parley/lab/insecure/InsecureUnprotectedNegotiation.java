package org.parley.lab.insecure;

import java.security.SecureRandom;
import java.util.List;
import org.parley.crypto.EphemeralKeyShare;
import org.parley.crypto.KeyExchange;
import org.parley.crypto.KeyExchangeAlgorithm;
import org.parley.crypto.SecretBytes;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;

/**
 * Negotiation without downgrade protection: the session keys come from the shared secret alone,
 * and neither the client's offer nor the server's choice is hashed into anything both sides check.
 * An attacker who strips the strongest option from the offer leaves both sides content with the
 * weaker one.
 *
 * <p><b>Insecure on purpose</b>: Parley hashes the canonical suite name and both hellos into the
 * transcript, which feeds the key schedule and the server's signature (PROTOCOL.md 8). Lab only.
 */
public final class InsecureUnprotectedNegotiation {
    private InsecureUnprotectedNegotiation() {
    }

    /** Succeeded iff both sides agree on keys after the attacker removed the post-quantum option. */
    public static Outcome stripOffer(Trace trace) throws Exception {
        SecureRandom random = new SecureRandom();
        List<KeyExchangeAlgorithm> offered = List.of(KeyExchangeAlgorithm.X25519_MLKEM768, KeyExchangeAlgorithm.X25519);
        KeyExchange classical = KeyExchangeAlgorithm.X25519.create();
        EphemeralKeyShare hybridShare = KeyExchangeAlgorithm.X25519_MLKEM768.create().generate(random);
        EphemeralKeyShare classicalShare = classical.generate(random);
        trace.add(Actor.CLIENT, "insecure.nodowngrade.offer", offered);
        trace.add(Actor.ATTACKER, "insecure.nodowngrade.strip", offered.getFirst());
        KeyExchange.Encapsulation server = classical.respond(classicalShare.publicShare(), random);
        trace.add(Actor.SERVER, "insecure.nodowngrade.pick", KeyExchangeAlgorithm.X25519);
        SecretBytes client = classical.complete(classicalShare, server.response());
        hybridShare.destroy();
        boolean agreed = client.equals(server.sharedSecret());
        trace.add(Actor.CLIENT, "insecure.nodowngrade.agreed", agreed);
        return agreed ? Outcome.succeeded() : Outcome.defeated(new Check("-", "8", "-"));
    }
}
