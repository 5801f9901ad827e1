package org.parley.lab;

import java.util.Locale;
import java.util.Optional;
import org.parley.client.LoginFailedException;
import org.parley.client.ServerKeyChangedException;
import org.parley.client.ServerNotTrustedException;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.alert.PeerAlertException;

/**
 * How a client operation failed, read from the exception's cause chain: the alert, whether the
 * client raised it itself or received it from the server, and the class that raised it.
 *
 * @param thrownBy simple name of the class whose code threw the protocol exception (empty if none)
 */
public record ObservedFailure(Optional<Alert> alert, boolean sentByPeer, String thrownBy, String kind) {

    /** The failure behind {@code failure}, whatever wrapped it (futures, client exceptions). */
    public static ObservedFailure of(Throwable failure) {
        String kind = failure.getClass().getSimpleName();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ServerKeyChangedException || t instanceof LoginFailedException
                    || t instanceof ServerNotTrustedException) {
                kind = t.getClass().getSimpleName();
            }
            if (t instanceof PeerAlertException peer) {
                return new ObservedFailure(Optional.of(peer.alert()), true, "", kind);
            }
            if (t instanceof ParleyException local) {
                StackTraceElement[] stack = local.getStackTrace();
                String origin = stack.length == 0 ? "" : simpleName(stack[0].getClassName());
                return new ObservedFailure(Optional.of(local.alert()), false, origin, kind);
            }
            if (t instanceof LoginFailedException) {
                return new ObservedFailure(Optional.empty(), true, "", kind);
            }
        }
        return new ObservedFailure(Optional.empty(), false, "", kind);
    }

    /** {@code bad_record(20)} style, as PROTOCOL.md writes alerts. */
    public static String label(Alert alert) {
        return alert.name().toLowerCase(Locale.ROOT) + "(" + alert.code() + ")";
    }

    /** The alert as {@code bad_record(20)}, or {@code -}. */
    public String alertLabel() {
        return alert.map(ObservedFailure::label).orElse("-");
    }

    private static String simpleName(String className) {
        int dot = className.lastIndexOf('.');
        String name = dot < 0 ? className : className.substring(dot + 1);
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }
}
