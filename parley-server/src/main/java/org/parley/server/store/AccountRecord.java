package org.parley.server.store;

import java.util.Optional;
import org.parley.protocol.auth.ScramVerifier;

/**
 * An account as stored.
 *
 * @param name the name as the user chose it (NFC), shown to others
 * @param canonicalName the unique key: NFC, then case-folded (see the server's user-name rules)
 * @param sha256 the SCRAM-SHA-256 verifier, if the account has a password
 * @param disabled a disabled account cannot log in
 */
public record AccountRecord(String name, String canonicalName, Optional<ScramVerifier> sha256, boolean disabled,
        long createdAtMillis) {
}
