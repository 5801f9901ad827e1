package org.parley.client.e2ee;

import java.util.Locale;
import java.util.concurrent.CompletionException;
import org.parley.client.RequestFailedException;
import org.parley.client.SendNotConfirmedException;

/** How the failure of a send kept across a restart is reported ({@link E2eEvent.SendSettled}, {@link E2eEvent.RoomSendSettled}). */
final class SendSettling {
    private SendSettling() {
    }

    static SendOutcome outcome(Throwable failure) {
        return cause(failure) instanceof SendNotConfirmedException ? SendOutcome.NOT_CONFIRMED : SendOutcome.REFUSED;
    }

    /** A refusal's error code in lower case, else the failure's English message; empty when not confirmed. */
    static String detail(Throwable failure) {
        Throwable cause = cause(failure);
        if (cause instanceof SendNotConfirmedException) {
            return "";
        }
        return cause instanceof RequestFailedException refused
                ? refused.code().name().toLowerCase(Locale.ROOT) : String.valueOf(cause.getMessage());
    }

    private static Throwable cause(Throwable failure) {
        return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    }
}
