package org.parley.client.e2e;

import java.nio.charset.StandardCharsets;
import org.parley.protocol.chat.StoredMessage;

/** Decodes a text message body. */
final class Texts {
    private Texts() {
    }

    static String of(StoredMessage message) {
        return new String(message.body().toByteArray(), StandardCharsets.UTF_8);
    }
}
