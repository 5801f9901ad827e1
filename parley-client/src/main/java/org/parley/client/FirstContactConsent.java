package org.parley.client;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * A session's first-contact question across its connection attempts: asks the user's
 * {@link FirstContactQuestion} through the callback executor, keeps the question still open (so
 * the session can wait for an answer given after the server's handshake deadline closed the
 * connection), and remembers a yes so that the next attempt trusts exactly that fingerprint.
 */
final class FirstContactConsent implements FirstContactQuestion {
    private final FirstContactQuestion question;
    private final Executor callbacks;
    private volatile Fingerprint consented;
    private volatile CompletableFuture<Boolean> openQuestion;

    FirstContactConsent(FirstContactQuestion question, Executor callbacks) {
        this.question = question;
        this.callbacks = callbacks;
    }

    /** The question asked during the current attempt, or null when none was. */
    CompletableFuture<Boolean> openQuestion() {
        return openQuestion;
    }

    /** A new attempt starts: no question asked yet. */
    void newAttempt() {
        openQuestion = null;
    }

    @Override
    public CompletableFuture<Boolean> trust(String server, SignatureComponent algorithm, Fingerprint offered) {
        if (offered.equals(consented)) {
            return CompletableFuture.completedFuture(true);
        }
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        openQuestion = answer;
        callbacks.execute(() -> question.trust(server, algorithm, offered).whenComplete((yes, failure) -> {
            boolean trusted = failure == null && Boolean.TRUE.equals(yes);
            if (trusted) {
                consented = offered;
            }
            answer.complete(trusted);
        }));
        return answer;
    }
}
