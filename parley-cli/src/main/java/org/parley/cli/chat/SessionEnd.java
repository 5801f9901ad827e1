package org.parley.cli.chat;

import java.util.Optional;
import org.parley.client.ClientException;

/**
 * How the session ended: the client library's {@code reason} and, when a reconnect was refused for
 * good, its typed {@code cause} (a changed or untrusted server key, a refused session key), which
 * the terminal shows as it does at login ({@link ChatConnector#ended}) rather than the English reason.
 */
record SessionEnd(String reason, Optional<ClientException> cause) {
}
