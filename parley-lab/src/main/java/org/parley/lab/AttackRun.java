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
     * The usual verdict of a tampering attack: defeated if the client or the server refused
     * (reporting the alert of whichever side detected it), succeeded if both carried on.
     */
    public Outcome tamperVerdict(Optional<ObservedFailure> client, Optional<String> server, String section,
            String enforcer) {
        if (client.isPresent() && !client.get().sentByPeer() && client.get().alert().isPresent()) {
            String by = client.get().thrownBy().isEmpty() ? enforcer : client.get().thrownBy();
            return Outcome.defeated(new Check(client.get().alertLabel(), section, by));
        }
        if (server.isPresent()) {
            return Outcome.defeated(new Check(server.get(), section, enforcer));
        }
        if (client.isPresent() && client.get().alert().isPresent()) {
            return Outcome.defeated(new Check(client.get().alertLabel(), section, enforcer));
        }
        return Outcome.succeeded();
    }

    @Override
    public void close() {
        trace.captured(proxy.captured());
        proxy.close();
    }
}
