package org.parley.server;

import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/** One of the server's long-term keys: its algorithm, fingerprint, and whether this start created it. */
public record ServerKey(SignatureComponent algorithm, Fingerprint fingerprint, boolean createdNow) {
}
