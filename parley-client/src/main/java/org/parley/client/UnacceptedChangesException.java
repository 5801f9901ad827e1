package org.parley.client;

/**
 * Sending to a verified contact stopped: their devices or identity keys changed since they were
 * verified. {@link ParleySession#acceptChanges(String)} (after the user agreed) lets sending resume.
 */
public final class UnacceptedChangesException extends ClientException {
    private final String user;

    public UnacceptedChangesException(String user) {
        super("the devices of verified contact " + user + " changed; accept the change before sending");
        this.user = user;
    }

    public String user() {
        return user;
    }
}
