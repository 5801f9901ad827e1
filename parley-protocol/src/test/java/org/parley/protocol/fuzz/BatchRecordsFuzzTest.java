package org.parley.protocol.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.alert.ParleyException;
import org.parley.protocol.channel.ChannelEvent;
import org.parley.protocol.channel.SecureChannel;
import org.parley.protocol.record.BatchRecords;
import org.parley.protocol.record.InnerType;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordWriter;
import org.parley.protocol.suite.CipherSuite;

/**
 * Fuzzes the batch record's content (docs/PROTOCOL.md, Section 10.5.1), alone and through a client
 * channel that accepted batch records, with records correctly sealed under the server's key (read
 * through the test-only secret log), so the bytes reach the batch parser rather than the tag check.
 *
 * <p>Oracle: only ParleyException escapes; what {@link BatchRecords#split} accepts re-encodes to
 * exactly its input with no entry over the maximum; a client that rejects a record is FAILED.
 */
class BatchRecordsFuzzTest {

    @FuzzTest(maxDuration = "10s")
    void splitAcceptsExactlyWellFormedContent(FuzzedDataProvider data) {
        int maxMessageSize = data.consumeInt(1, RecordLimits.MAX_RECORD_CONTENT);
        Bytes content = Bytes.copyOf(data.consumeRemainingAsBytes());
        List<List<Bytes>> split = new ArrayList<>(1);
        ParleyException rejection = ParleyOnly.run(() -> split.add(BatchRecords.split(content, maxMessageSize)));
        if (rejection == null) {
            ByteArrayOutputStream again = new ByteArrayOutputStream();
            for (Bytes message : split.getFirst()) {
                assertThat(message.length()).isLessThanOrEqualTo(maxMessageSize);
                again.write(message.length() >>> 8);
                again.write(message.length());
                again.writeBytes(message.toByteArray());
            }
            assertThat(again.toByteArray()).isEqualTo(content.toByteArray());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void clientAcceptingBatchesFailsOnlyWithParleyExceptions(FuzzedDataProvider data) throws ParleyException {
        SecretBytes[] serverSecret = new SecretBytes[1];
        SecureChannel client = ChannelFixtures.client((label, secret) -> {
            if (label.equals("s ap traffic")) {
                serverSecret[0] = SecretBytes.copyOf(secret.revealCopy());
            }
        });
        SecureChannel server = ChannelFixtures.server();
        byte[] toServer = ChannelFixtures.concat(client.drainOutbound());
        while (toServer.length > 0) {
            byte[] toClient = ChannelFixtures.exchange(server, toServer);
            toServer = ChannelFixtures.exchange(client, toClient);
        }
        client.acceptBatchRecords();
        CipherSuite suite = client.session().orElseThrow().suite();
        RecordWriter evil = new RecordWriter(new LabeledHkdf(suite.hash().algorithm().create()),
                suite.cipher().algorithm().create(), serverSecret[0], RecordLimits.defaults());
        int records = data.consumeInt(1, 3);
        ByteBuffer wire = ByteBuffer.allocate(records * (RecordLimits.MAX_RECORD_CONTENT + 600));
        for (int i = 0; i < records; i++) {
            InnerType type = data.consumeInt(0, 7) == 0 ? data.pickValue(InnerType.values()) : InnerType.APPLICATION_BATCH;
            evil.seal(type, ByteBuffer.wrap(data.consumeBytes(data.consumeInt(0, 512)))).writeTo(wire);
        }
        wire.flip();

        List<List<ChannelEvent>> events = new ArrayList<>(1);
        ParleyException rejection = ParleyOnly.run(() -> events.add(client.receive(wire)));
        if (rejection != null) {
            assertThat(client.state()).isEqualTo(SecureChannel.State.FAILED);
        }
        evil.destroy();
    }
}
