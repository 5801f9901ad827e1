package org.parley.protocol.auth;

/**
 * SCRAM's server-final-message,
 * {@code v=<base64 server signature>}, as the exact RFC 5802 text.
 *
 * <p>The text is kept verbatim because SCRAM's AuthMessage is computed over the bytes as sent;
 * {@link ScramClient} and {@link ScramServer} parse it strictly. At most
 * {@value AuthCodec#MAX_SCRAM_TEXT} UTF-8 bytes.
 */
public record ScramServerFinal(String text) implements AuthMessage {
    public ScramServerFinal {
        ScramText.requireWireLength(text);
    }

    /** Shows the text's length only: the text carries the server signature, derived from the password. */
    @Override
    public String toString() {
        return "ScramServerFinal[" + text.length() + " chars]";
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.SCRAM_SERVER_FINAL;
    }
}
