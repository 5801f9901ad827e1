package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ChatRequestType;
import org.parley.protocol.chat.ChatSamples;

/**
 * Keeps the committed {@link ChatCodecFuzzTest} seeds honest: each must equal the encoding of a
 * {@link ChatSamples} message today and decode, so a wire change that invalidates them is noticed
 * instead of silently shrinking coverage to the first byte.
 */
class ChatCodecSeedsTest {
    private static final String REQUESTS =
            "ChatCodecFuzzTestInputs/decodeRequestFailsOnlyWithParleyExceptionsAndRoundTrips/";
    private static final String EVENTS =
            "ChatCodecFuzzTestInputs/decodeEventFailsOnlyWithParleyExceptionsAndRoundTrips/";

    /** Seed files by path relative to this package's resources. */
    static Map<String, byte[]> seeds() {
        Map<String, byte[]> seeds = new LinkedHashMap<>();
        for (ChatRequest request : ChatSamples.requests()) {
            if (request instanceof ChatRequest.SendRoomMessage || request instanceof ChatRequest.ListMembers
                    || request instanceof ChatRequest.FetchHistory || request instanceof ChatRequest.ChangePassword
                    || request instanceof ChatRequest.GetPasswordParams || request instanceof ChatRequest.SetDeliveryOptions
                    || request instanceof ChatRequest.AddDevice || request instanceof ChatRequest.UploadPrekeys
                    || request instanceof ChatRequest.SendEnvelopes || request instanceof ChatRequest.AckEnvelopes
                    || request instanceof ChatRequest.AppendRoomLog || request instanceof ChatRequest.SendRoomKeys
                    || request instanceof ChatRequest.FetchBundlesMany) {
                ChatRequestType type = ChatRequestType.of(request);
                boolean once = type == ChatRequestType.SEND_ROOM_MESSAGE_ONCE || type == ChatRequestType.SEND_ENVELOPES_ONCE;
                seeds.put(REQUESTS + request.getClass().getSimpleName() + (once ? "Once" : ""),
                        ChatCodec.encode(request).toByteArray());
            }
        }
        for (ChatEvent event : ChatSamples.events()) {
            if (event instanceof ChatEvent.HistoryPage || event instanceof ChatEvent.JoinedRoom
                    || event instanceof ChatEvent.RoomMessage || event instanceof ChatEvent.Rejected
                    || event instanceof ChatEvent.BundleList || event instanceof ChatEvent.EnvelopeBatch
                    || event instanceof ChatEvent.DeviceList || event instanceof ChatEvent.DeviceMismatch
                    || event instanceof ChatEvent.RoomLogPage || event instanceof ChatEvent.RoomLogAppended
                    || event instanceof ChatEvent.PasswordParams || event instanceof ChatEvent.DeviceLists
                    || event instanceof ChatEvent.BundleLists) {
                seeds.put(EVENTS + event.getClass().getSimpleName(), ChatCodec.encode(event).toByteArray());
            }
        }
        return seeds;
    }

    @Test
    void committedSeedFilesEqualTheFreshlyEncodedSamples() throws IOException {
        Path regenerated = Path.of("target", "fuzz-seeds");
        List<String> stale = new ArrayList<>();
        for (var seed : seeds().entrySet()) {
            Path fresh = regenerated.resolve(seed.getKey());
            Files.createDirectories(fresh.getParent());
            Files.write(fresh, seed.getValue());
            if (!Arrays.equals(committed(seed.getKey()), seed.getValue())) {
                stale.add(seed.getKey());
            }
        }

        assertThat(stale).as("stale seeds; copy them from %s over the committed files", regenerated.toAbsolutePath())
                .isEmpty();
    }

    @Test
    void everySeedDecodesAsItsDirection() throws WireFormatException {
        assertThat(seeds()).hasSize(28);
        for (var seed : seeds().entrySet()) {
            Bytes bytes = Bytes.copyOf(seed.getValue());
            if (seed.getKey().startsWith(REQUESTS)) {
                assertThat(ChatCodec.decodeRequest(bytes)).isNotNull();
            } else {
                assertThat(ChatCodec.decodeEvent(bytes)).isNotNull();
            }
        }
    }

    private static byte[] committed(String relative) throws IOException {
        try (InputStream in = ChatCodecSeedsTest.class.getResourceAsStream(relative)) {
            return in == null ? new byte[0] : in.readAllBytes();
        }
    }
}
