package org.parley.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.parley.lab.ServerAudit.AuditEvent;
import org.parley.lab.net.AttackerProxy;
import org.parley.lab.net.FrameTap;
import org.parley.protocol.alert.Alert;

/**
 * One attack through the proxy: starts the proxy with the attacker's tap, runs the victim's
 * actions, and collects what each side saw (the client's exception, the server's audit log).
 */
public final class AttackRun implements AutoCloseable {
    private final LabTarget target;
    private final Trace trace;
    private final AttackerProxy proxy;
    private final long auditMark;

    private AttackRun(LabTarget target, Trace trace, AttackerProxy proxy, long auditMark) {
        this.target = target;
        this.trace = trace;
        this.proxy = proxy;
        this.auditMark = auditMark;
    }

    /** Puts the attacker between a client and the target's server. */
    public static AttackRun start(LabTarget target, Trace trace, FrameTap tap) throws IOException {
        return start(target, trace, tap, target.server());
    }

    /** Puts the attacker between a client and {@code upstream} (an impostor server, for example). */
    public static AttackRun start(LabTarget target, Trace trace, FrameTap tap, InetSocketAddress upstream)
            throws IOException {
        long mark = target.audit().isPresent() ? target.audit().get().mark() : 0;
        AttackerProxy proxy = AttackerProxy.start(upstream, tap);
        trace.add(Actor.LAB, "lab.proxy", proxy.address().getPort(), upstream.getPort());
        return new AttackRun(target, trace, proxy, mark);
    }

    /** Where the victim connects: the attacker's proxy. */
    public InetSocketAddress via() {
        return proxy.address();
    }

    public AttackerProxy proxy() {
        return proxy;
    }

    /** Something the victim does that the attack should make fail. */
    @FunctionalInterface
    public interface Action {
        void run() throws Exception;
    }

    /** Runs {@code action}; narrates and returns how it failed, or empty if it succeeded. */
    public Optional<ObservedFailure> attempt(String what, Action action) {
        try {
            action.run();
            trace.add(Actor.CLIENT, "client.ok", what);
            return Optional.empty();
        } catch (Exception e) {
            ObservedFailure failure = ObservedFailure.of(e);
            if (failure.alert().isEmpty()) {
                trace.add(Actor.CLIENT, "client.failed", what, failure.kind());
            } else if (failure.sentByPeer()) {
                trace.add(Actor.CLIENT, "client.told", what, failure.alertLabel());
            } else {
                trace.add(Actor.CLIENT, "client.rejected", what, failure.alertLabel(), failure.thrownBy());
            }
            return Optional.of(failure);
        }
    }

    /**
     * The alert the server recorded in its audit log after this attack began, if this lab runs the
     * server; narrated either way.
     */
    public Optional<String> serverAlert(Duration bound) throws IOException {
        if (target.audit().isEmpty()) {
            trace.add(Actor.SERVER, "server.unknown");
            return Optional.empty();
        }
        Optional<AuditEvent> event = target.audit().get().await(auditMark, "protocol_error", bound);
        Optional<String> alert = event.flatMap(AuditEvent::alert)
                .flatMap(name -> java.util.Arrays.stream(Alert.values()).filter(a -> a.name().equals(name)).findFirst())
                .map(ObservedFailure::label);
        if (alert.isPresent()) {
            trace.add(Actor.SERVER, "server.audit", alert.get());
        } else {
            trace.add(Actor.SERVER, "server.quiet");
        }
        return alert;
    }

    /**
     * How long the lab waits for the server's audit event when the verdict depends on it: generous,
     * because the server writes it on its own thread and a loaded machine may be slow; the wait ends
     * as soon as the event is there.
     */
    public static final Duration AUDIT_WAIT = LabTarget.STEP_TIMEOUT;

    /** True if {@code client} is {@code expected}, raised by the client itself in class {@code raisedBy}. */
    public static boolean raised(Optional<ObservedFailure> client, Alert expected, String raisedBy) {
        return client.isPresent() && !client.get().sentByPeer() && client.get().alert().equals(Optional.of(expected))
                && client.get().thrownBy().equals(raisedBy);
    }

    /**
     * What the server recorded for this attack: nothing to wait for if the client already raised the
     * expected check itself (or did not fail at all), otherwise up to {@link #AUDIT_WAIT}.
     */
    public Optional<String> serverAlert(Optional<ObservedFailure> client, Alert expected, String raisedBy)
            throws IOException {
        return serverAlert(client.isEmpty() || raised(client, expected, raisedBy) ? Duration.ZERO : AUDIT_WAIT);
    }

    /**
     * The verdict of a tampering attack: defeated only if the documented check fired, that is the
     * client itself raised {@code expected} in class {@code raisedBy}, or the server's audit log
     * recorded {@code expected} (or, against a server whose log the lab cannot read, the server sent
     * {@code expected}); succeeded if both carried on. Any other failure (a connection cut, refused or
     * timed out, another alert or another class) is not this catch, and is reported as such.
     */
    public Outcome tamperVerdict(Optional<ObservedFailure> client, Optional<String> server, Alert expected,
            String raisedBy, String section, String enforcer) throws NotCaughtByTheCheckException {
        String want = ObservedFailure.label(expected);
        if (raised(client, expected, raisedBy)) {
            return Outcome.defeated(new Check(want, section, raisedBy));
        }
        if (server.isPresent() && server.get().equals(want)) {
            return Outcome.defeated(new Check(want, section, enforcer));
        }
        boolean told = client.isPresent() && client.get().sentByPeer() && client.get().alert().equals(Optional.of(expected));
        if (target.audit().isEmpty() && told) {
            return Outcome.defeated(new Check(want, section, enforcer));
        }
        if (client.isEmpty() && server.isEmpty()) {
            return Outcome.succeeded();
        }
        throw new NotCaughtByTheCheckException(want + " (raised by the client in " + raisedBy
                + ", or in the server's audit log)", "client " + client.map(AttackRun::describe).orElse("carried on")
                + "; server " + server.orElse("recorded no protocol error"));
    }

    /** A client failure in a sentence: its alert and who raised it, or its kind. */
    static String describe(ObservedFailure f) {
        if (f.alert().isEmpty()) {
            return "failed with " + f.kind() + " and no alert";
        }
        return f.sentByPeer() ? "was sent " + f.alertLabel() : "raised " + f.alertLabel() + " in " + f.thrownBy();
    }

    @Override
    public void close() {
        trace.captured(proxy.captured());
        proxy.close();
    }
}
