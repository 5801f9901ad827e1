package org.parley.protocol.auth;

import java.util.Objects;

/**
 * SCRAM's client-first-message (gs2 header followed by client-first-message-bare),
 * e.g. {@code p=parley-exporter,,n=alice,r=<nonce>}, as the exact RFC 5802 text.
 *
 * <p>The text is kept verbatim because SCRAM's AuthMessage is computed over the bytes as sent;
 * {@link ScramClient} and {@link ScramServer} parse it strictly. At most
 * {@value AuthCodec#MAX_SCRAM_TEXT} UTF-8 bytes.
 */
public record ScramClientFirst(ScramMechanism mechanism, String text) implements AuthMessage {
    public ScramClientFirst {
        Objects.requireNonNull(mechanism, "mechanism");
        ScramText.requireWireLength(text);
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.SCRAM_CLIENT_FIRST;
    }
}
