package org.parley.client;

/**
 * A message whose answer never came: the connection ended (or the server did not answer) after it
 * was sent, and sending it again with its send id (docs/PROTOCOL.md 14.5, "Sending once") brought
 * no answer within {@link Outbox#CONFIRM_WITHIN}, or the session closed first. The server may have
 * stored and delivered it, or not: the user is told so, rather than left waiting or shown an error
 * that says it failed.
 */
public final class SendNotConfirmedException extends ClientException {
    public SendNotConfirmedException(String message) {
        super(message);
    }
}
