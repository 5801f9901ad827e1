package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.server.testing.ManualClock;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/**
 * Prekey uploads and bundle fetches (PROTOCOL.md 14.8): records are checked, one-time keys are
 * handed out once, and the per-account fetch limit protects a victim's pool. The clock never
 * moves, so no fetch allowance comes back during a test.
 */
class E2ePrekeyTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults(),
            new ManualClock(Instant.parse("2026-01-01T00:00:00Z")));

    @Test
    void uploadWithOneBadSignatureIsRefusedAndStoresNone() throws Exception {
        TestClient bob = fixture.registered("bob");
        TestDevice device = new TestDevice();
        device.add(bob, "phone");
        List<Bytes> records = List.of(device.record(2, 1, TestDevice.X25519), device.badlySigned(2, 2, TestDevice.X25519));

        long upload = bob.request(r -> new ChatRequest.UploadPrekeys(r, Optional.empty(), records, List.of(), Optional.empty()));

        assertThat(answer(bob, upload, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(counts(bob)).isZero();
    }

    @Test
    void recordOfTheWrongKindOrLengthForItsSlotIsRefused() throws Exception {
        TestClient bob = fixture.registered("bob");
        TestDevice device = new TestDevice();
        device.add(bob, "phone");
        Bytes kemInX25519Slot = device.record(3, 1, TestDevice.KEM);
        Bytes longX25519 = device.record(2, 1, TestDevice.KEM);
        Bytes signedByOther = new TestDevice().record(1, 5, TestDevice.X25519);

        long kind = bob.request(r -> new ChatRequest.UploadPrekeys(r, Optional.empty(), List.of(kemInX25519Slot),
                List.of(), Optional.empty()));
        long length = bob.request(r -> new ChatRequest.UploadPrekeys(r, Optional.empty(), List.of(longX25519),
                List.of(), Optional.empty()));
        long other = bob.request(r -> new ChatRequest.UploadPrekeys(r, Optional.of(signedByOther), List.of(),
                List.of(), Optional.empty()));

        assertThat(answer(bob, kind, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(answer(bob, length, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.MALFORMED_REQUEST);
        assertThat(answer(bob, other, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        assertThat(counts(bob)).isZero();
    }

    @Test
    void uploadNeedsABoundDevice() throws Exception {
        TestClient bob = fixture.registered("bob");
        Bytes record = new TestDevice().record(2, 1, TestDevice.X25519);

        long upload = bob.request(r -> new ChatRequest.UploadPrekeys(r, Optional.empty(), List.of(record), List.of(),
                Optional.empty()));

        assertThat(answer(bob, upload, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.DEVICE_REQUIRED);
    }

    @Test
    void eachFetchHandsOutAndDeletesOneTimeKeysThenFallsBackToTheLastResortKey() throws Exception {
        TestClient bob = fixture.registered("bob");
        TestClient alice = fixture.registered("alice");
        TestDevice device = new TestDevice();
        device.add(bob, "phone");
        assertThat(device.uploadOneTime(bob, 10, 2, 1).oneTimeKem()).isEqualTo(1);

        PrekeyBundle first = fetch(alice, "bob");
        PrekeyBundle second = fetch(alice, "bob");
        PrekeyBundle third = fetch(alice, "bob");

        assertThat(first.identity()).isEqualTo(device.identity());
        assertThat(first.oneTimePrekey()).hasValueSatisfying(r -> assertThat(keyId(r)).isEqualTo(10));
        assertThat(second.oneTimePrekey()).hasValueSatisfying(r -> assertThat(keyId(r)).isEqualTo(11));
        assertThat(third.oneTimePrekey()).isEmpty();
        assertThat(first.kemPrekey().get(0)).isEqualTo((byte) 3);
        assertThat(second.kemPrekey().get(0)).isEqualTo((byte) 4);
        assertThat(third.kemPrekey()).isEqualTo(second.kemPrekey());
        assertThat(first.signedPrekey()).isEqualTo(third.signedPrekey());
        long count = bob.request(r -> new ChatRequest.CountPrekeys(r));
        assertThat(answer(bob, count, ChatEvent.PrekeyCounts.class))
                .isEqualTo(new ChatEvent.PrekeyCounts(count, 0, 0));
    }

    @Test
    void aHostileAccountFetchingAtItsLimitLeavesMostOfTheVictimsPool() throws Exception {
        TestClient victim = fixture.registered("victim");
        TestClient mallory = fixture.registered("mallory");
        TestClient friend = fixture.registered("friend");
        new TestDevice().uploadOneTimeAfterAdd(victim, 100);
        int withOneTime = 0;
        int withoutOneTime = 0;

        for (int i = 0; i < 40; i++) {
            PrekeyBundle bundle = fetch(mallory, "victim");
            withOneTime += bundle.oneTimePrekey().isPresent() ? 1 : 0;
            withoutOneTime += bundle.oneTimePrekey().isEmpty() && bundle.kemPrekey().get(0) == 4 ? 1 : 0;
        }

        assertThat(withOneTime).isEqualTo(10);
        assertThat(withoutOneTime).as("answered with the signed and last-resort prekeys, never refused").isEqualTo(30);
        assertThat(mallory.events(ChatEvent.Rejected.class)).isEmpty();
        assertThat(fetch(friend, "victim").oneTimePrekey()).isPresent();
        assertThat(counts(victim)).isEqualTo(100 - 10 - 1);
    }

    private static PrekeyBundle fetch(TestClient client, String user) throws Exception {
        long request = client.request(r -> new ChatRequest.FetchBundles(r, user));
        return answer(client, request, ChatEvent.BundleList.class).bundles().getFirst();
    }

    private static int counts(TestClient client) throws Exception {
        long request = client.request(r -> new ChatRequest.CountPrekeys(r));
        return answer(client, request, ChatEvent.PrekeyCounts.class).oneTimeX25519();
    }

    private static long keyId(Bytes record) {
        return ((record.get(1) & 0xffL) << 24) | ((record.get(2) & 0xff) << 16) | ((record.get(3) & 0xff) << 8)
                | (record.get(4) & 0xff);
    }
}
