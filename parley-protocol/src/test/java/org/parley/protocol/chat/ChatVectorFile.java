package org.parley.protocol.chat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes docs/test-vectors/CHAT_messages.json from {@link ChatVectorRequests}, {@link ChatVectorEvents}
 * and {@link ChatInvalidVectors}: each valid message with its type, code, fields
 * ({@link ChatVectorFields}) and encoding by {@link ChatCodec}; each invalid encoding with its alert.
 */
final class ChatVectorFile {
    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    static final String NAME = "CHAT_messages.json";
    static final String REGENERATE = "./mvnw -B -o -pl parley-protocol verify -Dtest=ChatVectorsTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Djacoco.skip=true -Dparley.vectors.update=true";

    private ChatVectorFile() {
    }

    static Path path() {
        return Path.of(System.getProperty("parley.project.root", "..")).resolve("docs/test-vectors").resolve(NAME);
    }

    static String generate() throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        root.put("description", "docs/PROTOCOL.md section 14: one vector for every chat request and event type"
                + " (14.5, 14.6, 14.8, 14.9), and for each variant whose encoding differs, then invalid encodings"
                + " with the alert of the rejection table of section 14.2. Checked by ChatVectorsTest (parley-protocol)"
                + " and by docs/test-vectors/check/check_chat.py.");
        root.put("hex", "one whole chat message as section 14.3 frames it: the one-byte type code followed by its body,"
                + " to the last byte. It is the plaintext of one application message of the secure channel (14.1),"
                + " without any record, batch-record entry or length prefix around it.");
        root.put("fields", "the message's fields in wire order, named as in PROTOCOL.md: integers as JSON numbers"
                + " (int64 timestamps may be negative), utf8 fields as strings, opaque fields (identities, prekey"
                + " records, proofs, envelopes, log entries, keys, salts, send ids) as lower-case hex, enum fields as"
                + " the name PROTOCOL.md gives the code (signature algorithms by their label of section 4.1),"
                + " uint8 flags (encrypted, history, more) as true/false. A field behind a presence byte (has_room,"
                + " has_signed, has_one_time, has_last_resort, found) is null when absent and is not listed itself."
                + " A Body is {content_type, body}, the body a string for text and hex for opaque; a Conversation"
                + " is {\"room\": name} (tag 1) or {\"peer\": name} (tag 2). Prekey records, identities, proofs and"
                + " envelopes are opaque to the codec; they are stand-ins of the right lengths, not valid keys.");
        root.put("alerts", "each 'invalid' entry must be refused when decoded in its direction, with the alert"
                + " given (the first failing check in wire order decides).");
        ArrayNode valid = root.putArray("valid");
        for (ChatVectorSample<ChatRequest> s : ChatVectorRequests.all()) {
            ChatRequestType type = ChatRequestType.of(s.message());
            valid.add(entry(s.vector(), "request", type.name(), type.code(), ChatVectorFields.of(s.message()),
                    ChatCodec.encode(s.message()).toHex()));
        }
        for (ChatVectorSample<ChatEvent> s : ChatVectorEvents.all()) {
            ChatEventType type = ChatEventType.of(s.message());
            valid.add(entry(s.vector(), "event", type.name(), type.code(), ChatVectorFields.of(s.message()),
                    ChatCodec.encode(s.message()).toHex()));
        }
        ArrayNode invalid = root.putArray("invalid");
        for (ChatInvalidVectors.Invalid v : ChatInvalidVectors.all()) {
            invalid.addObject().put("vector", v.vector()).put("direction", v.direction()).put("hex", v.encoding().toHex())
                    .put("alert", v.alert().name().toLowerCase(Locale.ROOT)).put("alert_code", v.alert().code());
        }
        return JSON.writeValueAsString(root) + "\n";
    }

    private static ObjectNode entry(String vector, String direction, String typeName, int code, ObjectNode fields,
                                    String hex) {
        ObjectNode o = JSON.createObjectNode().put("vector", vector).put("direction", direction)
                .put("type", typeName.toLowerCase(Locale.ROOT)).put("code", code);
        o.set("fields", fields);
        return o.put("hex", hex);
    }
}
