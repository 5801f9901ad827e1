package org.parley.lab.scenario;

import java.util.Optional;
import java.util.Set;
import org.parley.client.e2ee.DeviceNoticeKind;
import org.parley.client.e2ee.E2eEvent;
import org.parley.e2ee.E2eeError;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.E2eCast;
import org.parley.lab.e2e.MaliciousOperator;

/**
 * A malicious server substitutes a known contact's prekey bundle. The attacker is the server's
 * operator, not the network. First it hands alice a signed prekey of its own in bob's bundle: the
 * signature does not verify under bob's identity key and the bundle is refused. Then, once alice
 * has verified bob, it replaces bob's whole identity and prekeys with its own device's (everything
 * validly signed, by the operator's key): the client shows the identity change and stops sending
 * until alice accepts. The {@code insecure-tofu-client} accepts without asking, and the operator
 * reads the message.
 */
public final class PrekeySubstitution implements Scenario {
    static final String FIRST = "hello bob";

    @Override
    public String name() {
        return "e2e-prekey-substitution";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_TOFU_CLIENT);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, trace)) {
            MaliciousOperator operator = cast.operator();
            byte[] original = operator.forgeSignedPrekey(cast.bob(), cast.bobDevice(), cast.operatorAccount(),
                    cast.operatorDevice());
            trace.add(Actor.ATTACKER, "attacker.e2e.forged-prekey", cast.bob(), cast.bobDevice());
            E2eCast.Attempt forged = cast.send("@what.e2e-first", FIRST, variant);
            operator.restoreSignedPrekey(cast.bob(), cast.bobDevice(), original);
            trace.add(Actor.ATTACKER, "attacker.e2e.restored", cast.bob());
            if (cast.send("@what.e2e-first", FIRST, variant).failure().isPresent()) {
                throw new IllegalStateException("alice could not reach bob's real device");
            }
            cast.bobReceives(FIRST);
            cast.verifyBob();

            operator.substituteIdentity(cast.bob(), cast.bobDevice(), cast.operatorAccount(), cast.operatorDevice());
            trace.add(Actor.ATTACKER, "attacker.e2e.identity-swapped", cast.bob(), cast.bobDevice());
            E2eCast.Attempt secret = cast.send("@what.e2e-secret", E2eCast.SECRET, variant);
            boolean read = cast.operatorReads(cast.bobDevice());
            return verdict(read, forged, secret, cast.bob(), cast.bobDevice());
        }
    }

    /**
     * Succeeded only if the operator read the secret with its own device. Defeated only with both
     * halves of the documented defence: the forged bundle refused with {@code bad_signature} (nothing
     * sent), and the new identity shown with sending to the verified contact blocked
     * ({@code UnacceptedChangesException}). A message that left without the operator reading it shows
     * neither; a client that failed otherwise did not meet the check.
     */
    static Outcome verdict(boolean read, E2eCast.Attempt forged, E2eCast.Attempt secret, String bob, long bobDevice)
            throws NotCaughtByTheCheckException, NotShownToSucceedException {
        if (read) {
            return Outcome.succeeded();
        }
        boolean badSignature = forged.shown().stream().anyMatch(e -> e instanceof E2eEvent.BundleRefused r
                && r.deviceId() == bobDevice && r.error() == E2eeError.BAD_SIGNATURE);
        boolean changeShown = secret.shown().stream().anyMatch(e -> e instanceof E2eEvent.DeviceNotice n
                && n.deviceId() == bobDevice && n.kind() == DeviceNoticeKind.IDENTITY_CHANGED && n.blocksSending());
        boolean blocked = secret.failure().equals(Optional.of("UnacceptedChangesException"));
        if (forged.failure().isPresent() && badSignature && changeShown && blocked) {
            return Outcome.defeated(new Check("e2e-refused-and-blocked", "14.8; E2EE.md 5.2, 13", "VerifiedBundle, Directory"));
        }
        String seen = "the forged bundle refused with bad_signature: " + badSignature + "; the first message "
                + forged.failure().map(f -> "failed with " + f).orElse("left") + "; identity change shown blocking: "
                + changeShown + "; the secret " + secret.failure().map(f -> "failed with " + f).orElse("left")
                + "; the operator did not read the secret";
        if (forged.failure().isEmpty() || secret.failure().isEmpty()) {
            throw new NotShownToSucceedException("the operator reading the secret", seen);
        }
        throw new NotCaughtByTheCheckException("the bundle of " + bob + " device " + bobDevice + " refused with"
                + " bad_signature, then its new identity shown and sending blocked (UnacceptedChangesException)", seen);
    }
}
