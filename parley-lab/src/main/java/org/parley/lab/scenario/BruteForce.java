package org.parley.lab.scenario;

import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.LabTarget;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.net.FrameTap;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * Online password guessing: the attacker tries wrong passwords for a victim's account, then (to
 * prove the point) the right one. Once the account's per-minute budget is spent every attempt is
 * refused, the right password included, and the refusal looks the same as a wrong password, so
 * guessing is capped at a few tries a minute.
 */
public final class BruteForce extends ParleyOnlyScenario {
    public BruteForce() {
        super("brute-force");
    }
    /** The default budget of 5 a minute, for a server whose limit the lab does not know. */
    static final int DEFAULT_BUDGET = 5;

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        byte[] suffix = new byte[3];
        new java.security.SecureRandom().nextBytes(suffix);
        String victimName = "victim_" + HexFormat.of().formatHex(suffix);
        long mark = target.audit().isPresent() ? target.audit().get().mark() : 0;
        char[] password = "correct horse battery staple".toCharArray();
        try (AttackRun run = AttackRun.start(target, trace, FrameTap.PASSIVE)) {
            try (ParleyClient owner = target.connect(run.via(), new InMemoryPinStore(), f -> true, Quiet.LISTENER)) {
                LabTarget.await(owner.register(victimName, password, Optional.empty()));
            }
            trace.add(Actor.LAB, "lab.victim", victimName);
            int guesses = target.passwordAttemptsPerMinute().orElse(DEFAULT_BUDGET);
            for (int i = 1; i <= guesses; i++) {
                char[] guess = ("guess-" + i).toCharArray();
                run.attempt("@what.guess|" + i, () -> login(target, run, victimName, guess));
            }
            AtomicReference<Optional<AuthFailureCode>> refusal = new AtomicReference<>(Optional.empty());
            Optional<ObservedFailure> right = run.attempt("@what.right-password", () -> {
                try {
                    login(target, run, victimName, password);
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof LoginFailedException refused) {
                        refusal.set(refused.code());
                    }
                    throw e;
                }
            });
            if (right.isEmpty()) {
                return Outcome.succeeded();
            }
            // The server writes its audit log on its own thread: wait for the event itself, generously.
            boolean throttled = target.audit().isPresent() && target.audit().get()
                    .await(mark, "login_throttled", AttackRun.AUDIT_WAIT).isPresent();
            if (target.audit().isPresent()) {
                trace.add(Actor.SERVER, throttled ? "server.throttled" : "server.notthrottled");
            }
            // Only the throttle's refusal is this catch: the same answer as a wrong password, and (on the lab's
            // own server) a login_throttled event. A connection cut or refused, or a timeout, is not.
            if (!refusal.get().equals(Optional.of(AuthFailureCode.INVALID_CREDENTIALS))
                    || (target.audit().isPresent() && !throttled)) {
                throw new NotCaughtByTheCheckException("the right password refused with invalid_credentials"
                        + (target.audit().isPresent() ? " and a login_throttled event" : ""),
                        right.get().kind() + " " + right.get().alertLabel() + " " + refusal.get().map(Enum::name).orElse("")
                                + (throttled ? " with" : " without") + " a login_throttled event");
            }
            return Outcome.defeated(new Check("login-refused", "13.7; SECURITY.md", "LoginThrottle"));
        }
    }

    private static void login(LabTarget target, AttackRun run, String user, char[] password) throws Exception {
        try (ParleyClient c = target.connect(run.via(), new InMemoryPinStore(), f -> true, Quiet.LISTENER)) {
            LabTarget.await(c.login(user, password));
        }
    }
}
