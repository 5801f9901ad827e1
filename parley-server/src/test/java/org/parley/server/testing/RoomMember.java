package org.parley.server.testing;

import static org.parley.server.testing.TestDevice.answer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.wire.WireWriter;

/**
 * A logged-in test user with a real end-to-end device (parley-e2ee's {@link DeviceKeys}), added
 * to the account and bound to the connection, so that it can sign real membership-log entries.
 */
public final class RoomMember {
    private static final Bytes PREKEY_LABEL = Bytes.wrapOwned("parley-e2ee v1 prekey".getBytes(StandardCharsets.US_ASCII));
    private static final Bytes DEVICE_LABEL = Bytes.wrapOwned("parley-e2ee v1 device".getBytes(StandardCharsets.US_ASCII));
    private final SecureRandom random = new SecureRandom();
    private final TestClient client;
    private final String user;
    private final DeviceKeys keys;
    private long deviceId;

    private RoomMember(TestClient client, String user, DeviceKeys keys) {
        this.client = client;
        this.user = user;
        this.keys = keys;
    }

    /** Registers {@code user} and adds a fresh device on the new connection. */
    public static RoomMember registered(ServerFixture fixture, String user) throws IOException {
        RoomMember member = new RoomMember(fixture.registered(user), user, DeviceKeys.generate(new SecureRandom()));
        member.deviceId = member.addDevice();
        return member;
    }

    /** Logs {@code user} in on a new connection and adds another, fresh device of the account. */
    public static RoomMember anotherDevice(ServerFixture fixture, String user) throws IOException {
        TestClient client = fixture.connect();
        loggedIn(client, user);
        RoomMember member = new RoomMember(client, user, DeviceKeys.generate(new SecureRandom()));
        member.deviceId = member.addDevice();
        return member;
    }

    /** Logs in again (after a restart) on a new connection and binds the same device. */
    public RoomMember reconnect(ServerFixture fixture) throws IOException {
        TestClient again = fixture.connect();
        loggedIn(again, user);
        RoomMember member = new RoomMember(again, user, keys);
        member.deviceId = deviceId;
        long request = again.request(id -> new ChatRequest.BindDevice(id, deviceId, member.proof()));
        answer(again, request, ChatEvent.Accepted.class);
        return member;
    }

    private static void loggedIn(TestClient client, String user) throws IOException {
        if (!(client.login(user, ServerFixture.PASSWORD.toCharArray()) instanceof org.parley.protocol.auth.AuthSucceeded)) {
            throw new IllegalStateException(user + " could not log in");
        }
    }

    public TestClient client() {
        return client;
    }

    public String user() {
        return user;
    }

    public DeviceKeys keys() {
        return keys;
    }

    public long deviceId() {
        return deviceId;
    }

    public DeviceRef ref() {
        return new DeviceRef(user, deviceId);
    }

    public Bytes identity() {
        return keys.identity().encoded();
    }

    /** Sends {@code build}'s request and waits for its answer of type {@code expected}. */
    public <T extends ChatEvent> T ask(java.util.function.LongFunction<ChatRequest> build, Class<T> expected)
            throws IOException {
        return answer(client, client.request(build), expected);
    }

    private long addDevice() throws IOException {
        long request = client.request(id -> new ChatRequest.AddDevice(id, identity(), "device of " + user,
                record(1, TestDevice.X25519), record(4, TestDevice.KEM), proof()));
        return answer(client, request, ChatEvent.Accepted.class).messageId();
    }

    private Bytes proof() {
        return keys.sign(Bytes.concat(DEVICE_LABEL, client.channelBinding()));
    }

    private Bytes record(int kind, int keyLength) {
        byte[] publicKey = new byte[keyLength];
        random.nextBytes(publicKey);
        Bytes signed = new WireWriter().u8(kind).u32(1).fixed(Bytes.wrapOwned(publicKey)).toBytes();
        return Bytes.concat(signed, keys.sign(Bytes.concat(PREKEY_LABEL, signed)));
    }

    @Override
    public String toString() {
        return "RoomMember[" + user + "#" + deviceId + "]";
    }
}
