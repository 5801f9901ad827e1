package org.parley.protocol.auth;

/**
 * SCRAM's client-final-message,
 * {@code c=<base64(gs2 header || channel binding)>,r=<nonce>,p=<base64 proof>}, as the exact RFC 5802 text.
 *
 * <p>The text is kept verbatim because SCRAM's AuthMessage is computed over the bytes as sent;
 * {@link ScramClient} and {@link ScramServer} parse it strictly. At most
 * {@value AuthCodec#MAX_SCRAM_TEXT} UTF-8 bytes.
 */
public record ScramClientFinal(String text) implements AuthMessage {
    public ScramClientFinal {
        ScramText.requireWireLength(text);
    }

    /** Shows the text's length only: the text carries the client proof, derived from the password. */
    @Override
    public String toString() {
        return "ScramClientFinal[" + text.length() + " chars]";
    }

    @Override
    public AuthMessageType type() {
        return AuthMessageType.SCRAM_CLIENT_FINAL;
    }
}
