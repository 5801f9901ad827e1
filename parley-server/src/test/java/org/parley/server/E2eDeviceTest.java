package org.parley.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.server.testing.TestDevice.answer;

import java.nio.file.Files;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.protocol.auth.AuthSucceeded;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceChange;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.ops.Operator;
import org.parley.server.testing.ServerFixture;
import org.parley.server.testing.TestClient;
import org.parley.server.testing.TestDevice;

/** Adding, binding, listing and removing end-to-end devices over real connections (PROTOCOL.md 14.8). */
class E2eDeviceTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults());

    @Test
    void addedDeviceGetsIdOneAndIsListedWithItsIdentityAndName() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestDevice laptop = new TestDevice();

        long id = laptop.add(alice, "笔记本 laptop");
        long list = alice.request(r -> new ChatRequest.ListDevices(r, "ALICE"));

        assertThat(id).isEqualTo(1);
        ChatEvent.DeviceList devices = answer(alice, list, ChatEvent.DeviceList.class);
        assertThat(devices.user()).isEqualTo("alice");
        assertThat(devices.devices()).singleElement().satisfies(d -> {
            assertThat(d.deviceId()).isEqualTo(1);
            assertThat(d.identity()).isEqualTo(laptop.identity());
            assertThat(d.name()).isEqualTo("笔记本 laptop");
            assertThat(d.lastSeenMillis()).isGreaterThanOrEqualTo(d.addedAtMillis());
        });
    }

    @Test
    void proofSignedByAnotherKeyIsRefusedAndAddsNothing() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestDevice device = new TestDevice();
        TestDevice impostor = new TestDevice();

        long request = device.requestAdd(alice, "phone", impostor.proof(alice.channelBinding()));

        assertThat(answer(alice, request, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
        long list = alice.request(r -> new ChatRequest.ListDevices(r, "alice"));
        assertThat(answer(alice, list, ChatEvent.DeviceList.class).devices()).isEmpty();
    }

    @Test
    void proofMadeForAnotherConnectionIsRefused() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient other = fixture.connect();
        assertThat(other.login("alice", ServerFixture.PASSWORD.toCharArray())).isInstanceOf(AuthSucceeded.class);
        TestDevice device = new TestDevice();

        long add = device.requestAdd(alice, "phone", device.proof(other.channelBinding()));
        assertThat(answer(alice, add, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);

        long id = device.add(alice, "phone");
        long bind = other.request(r -> new ChatRequest.BindDevice(r, id, device.proof(alice.channelBinding())));
        assertThat(answer(other, bind, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.BAD_SIGNATURE);
    }

    @Test
    void laterConnectionBindsToItsDeviceWithAFreshProofButNotToAnUnknownOne() throws Exception {
        TestClient first = fixture.registered("alice");
        TestDevice device = new TestDevice();
        long id = device.add(first, "desktop");
        TestClient second = fixture.connect();
        second.login("alice", ServerFixture.PASSWORD.toCharArray());

        long unknown = second.request(r -> new ChatRequest.BindDevice(r, 9, device.proof(second.channelBinding())));
        assertThat(answer(second, unknown, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
        device.bind(second, id);
        long again = second.request(r -> new ChatRequest.BindDevice(r, id, device.proof(second.channelBinding())));

        assertThat(answer(second, again, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.NOT_PERMITTED);
    }

    @Test
    void sameKeyCannotBeAddedTwice() throws Exception {
        TestClient first = fixture.registered("alice");
        TestDevice device = new TestDevice();
        device.add(first, "desktop");
        TestClient second = fixture.connect();
        second.login("alice", ServerFixture.PASSWORD.toCharArray());

        long request = device.requestAdd(second, "desktop again", device.proof(second.channelBinding()));

        assertThat(answer(second, request, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.NOT_PERMITTED);
    }

    @Test
    void removedDeviceIdIsNeverReusedAndOwnerAndContactsAreTold() throws Exception {
        TestClient alice1 = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        long bobDevice = new TestDevice().add(bob, "bob's phone");
        TestDevice first = new TestDevice();
        long one = first.add(alice1, "old phone");
        E2eEnvelopeTest.send(alice1, "bob", java.util.List.of(
                new org.parley.protocol.chat.EnvelopeTarget("bob", bobDevice, org.parley.crypto.Bytes.fromHex("01"))),
                ChatEvent.Accepted.class);
        TestClient alice2 = fixture.connect();
        alice2.login("alice", ServerFixture.PASSWORD.toCharArray());
        long two = new TestDevice().add(alice2, "new phone");

        long remove = alice2.request(r -> new ChatRequest.RemoveDevice(r, one));
        answer(alice2, remove, ChatEvent.Accepted.class);
        TestClient alice3 = fixture.connect();
        alice3.login("alice", ServerFixture.PASSWORD.toCharArray());
        long three = new TestDevice().add(alice3, "tablet");

        assertThat(java.util.List.of(one, two, three)).containsExactly(1L, 2L, 3L);
        bob.awaitEvent(ChatEvent.DeviceChanged.class, c -> c.deviceId() == one && c.change() == DeviceChange.REMOVED);
        bob.awaitEvent(ChatEvent.DeviceChanged.class, c -> c.deviceId() == three && c.change() == DeviceChange.ADDED);
        alice1.awaitEvent(ChatEvent.DeviceChanged.class, c -> c.user().equals("alice") && c.deviceId() == two);
        long list = bob.request(r -> new ChatRequest.ListDevices(r, "alice"));
        assertThat(answer(bob, list, ChatEvent.DeviceList.class).devices()).extracting(DeviceInfo::deviceId)
                .containsExactly(2L, 3L);
        String audit = Files.readString(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl"));
        assertThat(audit).contains("\"device_removed\"").contains("\"device_added\"");
    }

    @Test
    void onlyOwnDevicesCanBeRemoved() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        TestClient bob2 = fixture.connect();
        bob2.login("bob", ServerFixture.PASSWORD.toCharArray());
        new TestDevice().add(bob, "phone");
        long bobs = new TestDevice().add(bob2, "tablet");
        new TestDevice().add(alice, "phone");

        long remove = alice.request(r -> new ChatRequest.RemoveDevice(r, bobs));

        assertThat(answer(alice, remove, ChatEvent.Rejected.class).code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
        long list = alice.request(r -> new ChatRequest.ListDevices(r, "bob"));
        assertThat(answer(alice, list, ChatEvent.DeviceList.class).devices()).hasSize(2);
    }

    @Test
    void deviceRemovedByTheOperatorCanNoLongerSendFromItsBoundSession() throws Exception {
        TestClient alice = fixture.registered("alice");
        TestClient bob = fixture.registered("bob");
        long alices = new TestDevice().add(alice, "laptop");
        long bobs = new TestDevice().add(bob, "phone");
        try (Operator operator = Operator.open(fixture.dataDirectory())) {
            operator.removeDevice("alice", alices);
            assertThat(operator.devices("alice")).isEmpty();
        }

        ChatEvent.Rejected refused = E2eEnvelopeTest.send(alice, "bob", java.util.List.of(
                new org.parley.protocol.chat.EnvelopeTarget("bob", bobs, org.parley.crypto.Bytes.fromHex("01"))),
                ChatEvent.Rejected.class);

        assertThat(refused.code()).isEqualTo(ErrorCode.NO_SUCH_DEVICE);
        String audit = Files.readString(fixture.dataDirectory().resolve("logs").resolve("audit.jsonl"));
        assertThat(audit).contains("\"by\":\"operator\"");
    }
}
