package org.parley.client;

/**
 * Why a client operation failed; futures of {@link ParleyClient} complete exceptionally with one
 * of these (or a {@link java.util.concurrent.TimeoutException} when the server did not answer
 * within {@link ClientOptions#requestTimeout()}).
 */
public abstract sealed class ClientException extends Exception
        permits ConnectionFailedException, ServerKeyChangedException, ServerNotTrustedException, LoginFailedException,
                RequestFailedException, EndToEndException, UnacceptedChangesException, SafetyNumberChangedException,
                RequestQueueFullException, SendNotConfirmedException {

    protected ClientException(String message) {
        super(message);
    }

    protected ClientException(String message, Throwable cause) {
        super(message, cause);
    }
}
