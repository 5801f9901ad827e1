package org.parley.lab.scenario;

import java.util.HexFormat;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.parley.client.LoginFailedException;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.NotCaughtByTheCheckException;
import org.parley.lab.LabTarget;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.insecure.InsecureUnboundLogin;
import org.parley.lab.net.ChannelRelay;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.auth.AuthCodec;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.ScramClientFirst;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * Password-login relay: a victim on first contact accepts the attacker's key (the weak moment of
 * trust on first use), and the attacker relays the victim's SCRAM login to the real server on its
 * own connection, hoping to be logged in as the victim there. The SCRAM proof is bound to the
 * channel binding of the victim's connection, which differs from the attacker's. With
 * {@code stripBinding} the attacker also rewrites the gs2 header to claim no channel binding.
 */
public final class LoginRelay implements Scenario {
    private static final String BOUND = "p=parley-exporter,,";

    private final boolean stripBinding;

    LoginRelay(boolean stripBinding) {
        this.stripBinding = stripBinding;
    }

    @Override
    public String name() {
        return stripBinding ? "login-relay-strip-binding" : "login-relay";
    }

    @Override
    public Set<Variant> variants() {
        return stripBinding ? Set.of(Variant.PARLEY) : Set.of(Variant.PARLEY, Variant.INSECURE_NO_BINDING);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        if (variant == Variant.INSECURE_NO_BINDING) {
            return InsecureUnboundLogin.relay(trace);
        }
        byte[] suffix = new byte[3];
        new java.security.SecureRandom().nextBytes(suffix);
        String victim = "relayed_" + HexFormat.of().formatHex(suffix);
        char[] password = "correct horse battery staple".toCharArray();
        try (ParleyClient owner = target.connect(target.server(), new InMemoryPinStore(), f -> true, Quiet.LISTENER)) {
            LabTarget.await(owner.register(victim, password, Optional.empty()));
        }
        trace.add(Actor.LAB, "lab.victim", victim);
        long mark = target.audit().isPresent() ? target.audit().get().mark() : 0;
        try (ChannelRelay relay = ChannelRelay.start(target.server(), edit(trace), target.keyLog())) {
            trace.add(Actor.ATTACKER, "attacker.relay", relay.fingerprint());
            try (ParleyClient fooled = target.connect(relay.address(), new InMemoryPinStore(), f -> true, Quiet.LISTENER)) {
                trace.add(Actor.CLIENT, "client.tofu.accept", fooled.session().serverFingerprint());
                LabTarget.await(fooled.login(victim, password));
                trace.add(Actor.CLIENT, "client.ok", "@what.login");
                return Outcome.succeeded();
            } catch (java.util.concurrent.ExecutionException e) {
                Optional<AuthFailureCode> code = e.getCause() instanceof LoginFailedException login ? login.code() : Optional.empty();
                String observed = code.map(c -> "auth_failed " + c.name().toLowerCase(java.util.Locale.ROOT))
                        .orElse(e.getCause().getClass().getSimpleName());
                trace.add(Actor.CLIENT, "client.loginrefused", observed);
                // The server writes its audit log on its own thread: wait for the event itself, generously.
                boolean loggedFailure = target.audit().isPresent()
                        && target.audit().get().await(mark, "login_failed", AttackRun.AUDIT_WAIT).isPresent();
                if (target.audit().isPresent()) {
                    trace.add(Actor.SERVER, loggedFailure ? "server.loginfailed" : "server.quiet");
                }
                // Only SCRAM's refusal is this catch; a relay that cannot reach the server, or a timeout, is not.
                AuthFailureCode expected = stripBinding ? AuthFailureCode.CHANNEL_BINDING_REQUIRED
                        : AuthFailureCode.INVALID_CREDENTIALS;
                if (!code.equals(Optional.of(expected)) || (target.audit().isPresent() && !loggedFailure)) {
                    throw new NotCaughtByTheCheckException("auth_failed " + expected.name().toLowerCase(java.util.Locale.ROOT)
                            + (target.audit().isPresent() ? " and a login_failed event" : ""),
                            observed + (loggedFailure ? " with" : " without") + " a login_failed event");
                }
                return Outcome.defeated(new Check(observed, stripBinding ? "13.4 (gs2 header), 9.5" : "13.4, 9.5",
                        "ScramServer"));
            }
        }
    }

    private UnaryOperator<Bytes> edit(Trace trace) {
        if (!stripBinding) {
            return message -> message;
        }
        return message -> {
            try {
                if (AuthCodec.decode(message) instanceof ScramClientFirst first && first.text().startsWith(BOUND)) {
                    trace.add(Actor.ATTACKER, "attacker.stripbinding", BOUND, "n,,");
                    return AuthCodec.encode(new ScramClientFirst(first.mechanism(), "n,," + first.text().substring(BOUND.length())));
                }
            } catch (WireFormatException e) {
                // Not an authentication message: pass it on.
            }
            return message;
        };
    }
}
