package org.parley.protocol.auth;

/**
 * SCRAM's server-first-message,
 * {@code r=<nonce>,s=<base64 salt>,i=<iterations>}, as the exact RFC 5802 text.
 *
 * <p>The text is kept verbatim because SCRAM's AuthMessage is computed over the bytes as sent;
 * {@link ScramClient} and {@link ScramServer} parse it strictly. At most
 * {@value AuthCodec#MAX_SCRAM_TEXT} UTF-8 bytes.
 */
public record ScramServerFirst(String text) implements AuthMessage {
    public ScramServerFirst {
        ScramText.requireWireLength(text);
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.SCRAM_SERVER_FIRST;
    }
}
