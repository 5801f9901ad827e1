package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatCodec;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.UserDevices;
import org.parley.server.chat.RequestRate;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * A server whose message limit is below a batch's answer (docs/PROTOCOL.md 14.7, 14.8): the batch
 * is refused {@code message_too_large}, instead of an answer the channel cannot send and the client
 * waits for in vain, and fewer users fit, as the reference client then asks (it halves the batch,
 * {@code BatchedReads}). A bundle batch is refused before anything is handed out; a device-list
 * batch hands out nothing, and its refusal is the link's, as for any answer that does not fit.
 */
class E2eDirectoryBatchSizeTest {
    /** Room for one bundle of real records (about 1,600 bytes) but not two. */
    private static final int LIMIT = 2_048;
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults().withMaxMessageBytes(LIMIT)
            // One connection and login per device added below.
            .withMaxConnectionsPerIp(64).withLoginAttempts(100, 1000)
            .withHandshakeRates(new RequestRate(1000, 1000), ServerLimits.DEFAULT_HANDSHAKE_RATE));

    /**
     * bob's 3 devices and dave's 10 (names of 64 bytes) make a DeviceLists larger than the limit;
     * each alone fits. The two-user batch is refused message_too_large on a connection that
     * carries on, and its halves, one user each, are answered in full.
     */
    @Test
    void aDeviceBatchWhoseAnswerWouldNotFitIsRefusedMessageTooLargeAndEachHalfIsAnswered() throws Exception {
        addDevices("bob", 3);
        addDevices("dave", 10);
        TestClient alice = fixture.registered("alice");

        long both = alice.request(r -> new ChatRequest.ListDevicesMany(r, List.of("bob", "dave")));
        assertThat(answer(alice, both, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE);
        long first = alice.request(r -> new ChatRequest.ListDevicesMany(r, List.of("bob")));
        long second = alice.request(r -> new ChatRequest.ListDevicesMany(r, List.of("dave")));

        UserDevices bob = answer(alice, first, ChatEvent.DeviceLists.class).lists().getFirst();
        UserDevices dave = answer(alice, second, ChatEvent.DeviceLists.class).lists().getFirst();
        assertThat(bob.devices().orElseThrow()).hasSize(3);
        assertThat(dave.devices().orElseThrow()).hasSize(10);
        assertThat(ChatCodec.encode(new ChatEvent.DeviceLists(both, List.of(bob, dave))).length())
                .as("the refused answer, as it would have been").isGreaterThan(LIMIT);
    }

    /** Adds {@code count} devices to a new account {@code user}, each on a connection of its own. */
    private void addDevices(String user, int count) throws Exception {
        TestClient first = fixture.registered(user);
        new TestDevice().add(first, name(0));
        first.close();
        for (int i = 1; i < count; i++) {
            TestClient next = fixture.connect();
            assertThat(next.login(user, ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
            new TestDevice().add(next, name(i));
            next.close();
        }
    }

    /** A device name of the most bytes allowed (64). */
    private static String name(int i) {
        return "%02d".formatted(i) + "x".repeat(62);
    }

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
