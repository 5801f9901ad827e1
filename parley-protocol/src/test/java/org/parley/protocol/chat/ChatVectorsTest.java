package org.parley.protocol.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;

/**
 * Keeps docs/test-vectors/CHAT_messages.json honest: the committed file is exactly what the
 * samples give; every valid vector's hex decodes to its message and its message encodes to the
 * hex; every invalid one fails with its alert; and every request and event type has a vector, so a
 * new message cannot be added without one. Regenerate deliberately, after a reviewed wire change,
 * with {@code -Dparley.vectors.update=true} ({@link ChatVectorFile#REGENERATE}).
 */
class ChatVectorsTest {
    private static JsonNode file;

    @BeforeAll
    static void readFile() throws IOException {
        Path path = ChatVectorFile.path();
        if (Boolean.getBoolean("parley.vectors.update")) {
            Files.writeString(path, ChatVectorFile.generate(), StandardCharsets.UTF_8);
        }
        assertThat(path).as("%s is missing; generate it with %s", path, ChatVectorFile.REGENERATE).exists();
        file = ChatVectorFile.JSON.readTree(Files.readString(path, StandardCharsets.UTF_8));
    }

    @Test
    void committedFileIsExactlyWhatTheSamplesGive() throws IOException {
        String committed = Files.readString(ChatVectorFile.path(), StandardCharsets.UTF_8);
        assertThat(committed)
                .as("docs/test-vectors/%s differs from ChatVectorRequests / ChatVectorEvents / ChatInvalidVectors and"
                        + " the codec. If the wire change was intended and PROTOCOL.md says so, regenerate with: %s",
                        ChatVectorFile.NAME, ChatVectorFile.REGENERATE)
                .isEqualTo(ChatVectorFile.generate());
    }

    @Test
    void everyValidRequestDecodesToItsMessageAndEncodesToItsHex() throws Exception {
        Map<String, ChatRequest> samples = new HashMap<>();
        ChatVectorRequests.all().forEach(s -> samples.put(s.vector(), s.message()));
        for (JsonNode v : valid("request")) {
            ChatRequest expected = samples.get(v.get("vector").asText());
            assertThat(expected).as("request vector '%s' has no sample", v.get("vector").asText()).isNotNull();
            Bytes hex = Bytes.fromHex(v.get("hex").asText());
            assertThat(ChatCodec.decodeRequest(hex)).as(v.get("vector").asText()).isEqualTo(expected);
            assertThat(ChatCodec.encode(expected)).as(v.get("vector").asText()).isEqualTo(hex);
            assertThat(v.get("code").asInt()).isEqualTo(ChatRequestType.of(expected).code());
            assertThat(v.get("fields")).as(v.get("vector").asText()).isEqualTo(reparsed(ChatVectorFields.of(expected)));
        }
    }

    @Test
    void everyValidEventDecodesToItsMessageAndEncodesToItsHex() throws Exception {
        Map<String, ChatEvent> samples = new HashMap<>();
        ChatVectorEvents.all().forEach(s -> samples.put(s.vector(), s.message()));
        for (JsonNode v : valid("event")) {
            ChatEvent expected = samples.get(v.get("vector").asText());
            assertThat(expected).as("event vector '%s' has no sample", v.get("vector").asText()).isNotNull();
            Bytes hex = Bytes.fromHex(v.get("hex").asText());
            assertThat(ChatCodec.decodeEvent(hex)).as(v.get("vector").asText()).isEqualTo(expected);
            assertThat(ChatCodec.encode(expected)).as(v.get("vector").asText()).isEqualTo(hex);
            assertThat(v.get("code").asInt()).isEqualTo(ChatEventType.of(expected).code());
            assertThat(v.get("fields")).as(v.get("vector").asText()).isEqualTo(reparsed(ChatVectorFields.of(expected)));
        }
    }

    @Test
    void everyInvalidVectorIsRefusedWithItsAlert() {
        assertThat(file.get("invalid")).isNotEmpty();
        for (JsonNode v : file.get("invalid")) {
            Bytes hex = Bytes.fromHex(v.get("hex").asText());
            boolean request = v.get("direction").asText().equals("request");
            WireFormatException e = catchThrowableOfType(WireFormatException.class,
                    () -> {
                        if (request) {
                            ChatCodec.decodeRequest(hex);
                        } else {
                            ChatCodec.decodeEvent(hex);
                        }
                    });
            assertThat(e).as("'%s' decoded", v.get("vector").asText()).isNotNull();
            assertThat(e.alert().code()).as(v.get("vector").asText()).isEqualTo(v.get("alert_code").asInt());
            assertThat(e.alert().name()).as(v.get("vector").asText()).isEqualToIgnoringCase(v.get("alert").asText());
        }
    }

    /** getPermittedSubclasses() of the sealed roots: a new record without a vector fails here. */
    @Test
    void everyRequestAndEventTypeHasAVector() throws Exception {
        Set<String> covered = new TreeSet<>();
        Set<Integer> requestCodes = new TreeSet<>();
        Set<Integer> eventCodes = new TreeSet<>();
        for (JsonNode v : valid("request")) {
            ChatRequest request = ChatCodec.decodeRequest(Bytes.fromHex(v.get("hex").asText()));
            covered.add(request.getClass().getName());
            requestCodes.add(ChatRequestType.of(request).code());
        }
        for (JsonNode v : valid("event")) {
            ChatEvent event = ChatCodec.decodeEvent(Bytes.fromHex(v.get("hex").asText()));
            covered.add(event.getClass().getName());
            eventCodes.add(ChatEventType.of(event).code());
        }
        Set<String> types = new TreeSet<>();
        leaves(ChatRequest.class, types);
        leaves(ChatEvent.class, types);
        assertThat(types).hasSizeGreaterThan(60);
        assertThat(covered).as("message types without a vector in %s", ChatVectorFile.NAME).containsAll(types);
        // Some records have two codes (with and without a send id): every code needs its vector too.
        Set<Integer> allRequestCodes = new LinkedHashSet<>();
        for (ChatRequestType t : ChatRequestType.values()) {
            allRequestCodes.add(t.code());
        }
        Set<Integer> allEventCodes = new LinkedHashSet<>();
        for (ChatEventType t : ChatEventType.values()) {
            allEventCodes.add(t.code());
        }
        assertThat(requestCodes).as("request codes with a vector").containsAll(allRequestCodes);
        assertThat(eventCodes).as("event codes with a vector").containsAll(allEventCodes);
    }

    private static void leaves(Class<?> type, Set<String> into) {
        Class<?>[] permitted = type.getPermittedSubclasses();
        if (permitted == null) {
            into.add(type.getName());
            return;
        }
        for (Class<?> sub : permitted) {
            leaves(sub, into);
        }
    }

    private static List<JsonNode> valid(String direction) {
        List<JsonNode> out = new ArrayList<>();
        file.get("valid").forEach(v -> {
            if (v.get("direction").asText().equals(direction)) {
                out.add(v);
            }
        });
        assertThat(out).as("%s vectors", direction).isNotEmpty();
        return out;
    }

    /** Through text and back, so numbers compare as the file's parser reads them (int vs long nodes). */
    private static JsonNode reparsed(JsonNode node) throws IOException {
        return ChatVectorFile.JSON.readTree(ChatVectorFile.JSON.writeValueAsString(node));
    }
}
