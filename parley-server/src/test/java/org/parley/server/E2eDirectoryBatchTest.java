package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.protocol.chat.UserBundles;
import org.parley.protocol.chat.UserDevices;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * The batched directory reads over real connections (docs/PROTOCOL.md 14.8): a batch answers, user
 * by user and in request order, what the single requests would, an unknown user being
 * {@code found = 0}; and a bundle batch takes the one-time prekey allowance once per user, in order.
 * The clock never moves, so no allowance comes back during a test.
 */
class E2eDirectoryBatchTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults(),
            new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void aDeviceBatchAnswersWhatOneListDevicesPerUserWould() throws Exception {
        TestClient bob = fixture.registered("bob");
        new TestDevice().add(bob, "phone");
        TestClient secondBob = fixture.connect();
        secondBob.login("bob", ServerFixture.PASSWORD.toCharArray());
        new TestDevice().add(secondBob, "laptop");
        fixture.registered("carol");
        TestClient alice = fixture.registered("alice");

        long batch = alice.request(r -> new ChatRequest.ListDevicesMany(r, List.of("carol", "nobody", "Bob")));
        List<UserDevices> lists = answer(alice, batch, ChatEvent.DeviceLists.class).lists();

        assertThat(lists).extracting(UserDevices::user).containsExactly("carol", "nobody", "bob");
        assertThat(lists.get(0).devices()).contains(single(alice, "carol").devices());
        assertThat(lists.get(1).devices()).isEmpty();
        assertThat(lists.get(2).devices()).contains(single(alice, "Bob").devices());
        assertThat(lists.get(2).devices().orElseThrow()).hasSize(2);
        long unknown = alice.request(r -> new ChatRequest.ListDevices(r, "nobody"));
        assertThat(answer(alice, unknown, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.NO_SUCH_USER);
    }

    @Test
    void aBundleBatchTakesTheOneTimeAllowanceOncePerUserInRequestOrder() throws Exception {
        TestClient bob = fixture.registered("bob");
        new TestDevice().uploadOneTimeAfterAdd(bob, 20);
        TestClient carol = fixture.registered("carol");
        new TestDevice().uploadOneTimeAfterAdd(carol, 20);
        TestClient mallory = fixture.registered("mallory");
        List<List<UserBundles>> answers = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            answers.add(batch(mallory, List.of("bob", "nobody", "carol")));
        }
        long single = mallory.request(r -> new ChatRequest.FetchBundles(r, "bob"));
        assertThat(answer(mallory, single, ChatEvent.BundleList.class).bundles().getFirst().oneTimePrekey()).isPresent();
        List<UserBundles> last = batch(mallory, List.of("carol", "bob"));

        assertThat(answers).allSatisfy(lists -> {
            assertThat(lists.get(1).bundles()).as("an unknown user is not found and takes no fetch").isEmpty();
            assertThat(oneTime(lists.get(0))).isPresent();
            assertThat(oneTime(lists.get(2))).isPresent();
        });
        assertThat(oneTime(last.get(0))).as("the 10th fetch of the allowance").isPresent();
        assertThat(oneTime(last.get(1))).as("the 11th: signed and last-resort prekeys only").isEmpty();
        assertThat(last.get(1).bundles().orElseThrow().getFirst().kemPrekey().get(0)).isEqualTo((byte) 4);
        assertThat(counts(bob)).isEqualTo(20 - 5);
        assertThat(counts(carol)).isEqualTo(20 - 5);
    }

    private static ChatEvent.DeviceList single(TestClient client, String user) {
        try {
            long request = client.request(r -> new ChatRequest.ListDevices(r, user));
            return answer(client, request, ChatEvent.DeviceList.class);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<UserBundles> batch(TestClient client, List<String> users) throws Exception {
        long request = client.request(r -> new ChatRequest.FetchBundlesMany(r, users));
        return answer(client, request, ChatEvent.BundleLists.class).lists();
    }

    private static Optional<?> oneTime(UserBundles lists) {
        PrekeyBundle bundle = lists.bundles().orElseThrow().getFirst();
        return bundle.oneTimePrekey();
    }

    private static int counts(TestClient client) throws Exception {
        long request = client.request(r -> new ChatRequest.CountPrekeys(r));
        return answer(client, request, ChatEvent.PrekeyCounts.class).oneTimeX25519();
    }
}
