package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * A server whose message limit is below a batch's answer (docs/PROTOCOL.md 14.8): the batch is
 * refused {@code message_too_large} and nothing is handed out, instead of an answer the channel
 * cannot send and the client waits for in vain; fewer users fit. (The device-list batch:
 * {@code DirectoryBatchCostTest}; its requests would meet this server's limit on what it receives first.)
 */
class E2eDirectoryBatchSizeTest {
    /** Room for one bundle of real records (about 1,600 bytes) but not two. */
    private static final int LIMIT = 2_048;
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults().withMaxMessageBytes(LIMIT));

    @Test
    void aBundleBatchWhoseAnswerWouldNotFitHandsOutNothing() throws Exception {
        TestClient bob = fixture.registered("bob");
        new TestDevice().uploadOneTimeAfterAdd(bob, 5);
        TestClient carol = fixture.registered("carol");
        new TestDevice().uploadOneTimeAfterAdd(carol, 5);
        TestClient alice = fixture.registered("alice");

        long both = alice.request(r -> new ChatRequest.FetchBundlesMany(r, List.of("bob", "carol")));
        assertThat(answer(alice, both, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        long one = alice.request(r -> new ChatRequest.FetchBundlesMany(r, List.of("bob")));

        assertThat(answer(alice, one, ChatEvent.BundleLists.class).lists().getFirst().bundles().orElseThrow())
                .singleElement().satisfies(b -> assertThat(b.oneTimePrekey()).isPresent());
        assertThat(counts(bob)).isEqualTo(5 - 1);
        assertThat(counts(carol)).as("nothing handed out by the refused batch").isEqualTo(5);
    }

    private static int counts(TestClient client) throws Exception {
        long request = client.request(r -> new ChatRequest.CountPrekeys(r));
        return answer(client, request, ChatEvent.PrekeyCounts.class).oneTimeX25519();
    }
}
