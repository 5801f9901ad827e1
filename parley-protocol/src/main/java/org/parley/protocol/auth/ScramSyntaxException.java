package org.parley.protocol.auth;

/**
 * A SCRAM text did not follow RFC 5802's grammar or Parley's stricter profile of it. Internal to
 * the SCRAM state machines, which turn it into a failure step; it never reaches the peer.
 */
final class ScramSyntaxException extends Exception {
    ScramSyntaxException(String message) {
        super(message);
    }
}
