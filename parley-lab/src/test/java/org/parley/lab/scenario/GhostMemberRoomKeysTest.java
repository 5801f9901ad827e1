package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.SenderKeyDistribution;
import org.parley.e2ee.prekey.MemoryPrekeyStore;
import org.parley.e2ee.prekey.PrekeyBundle;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.e2ee.prekey.PrekeyRecord;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionStart;
import org.parley.lab.NotShownToSucceedException;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.DeviceInbox;
import org.parley.lab.e2e.MaliciousOperator;

/**
 * e2e-ghost-member counts as "a room key reached the operator" only a sender-key distribution for
 * the attacked room, opened with the operator device's own keys: a private message, a placeholder,
 * a distribution for another room or an envelope the device cannot open queued for it is not the
 * ghost getting a key, and must not turn the verdict into SUCCEEDED.
 */
class GhostMemberRoomKeysTest {
    private static final String ROOM = "den42";
    private static final List<RoomError> FORBIDDEN = List.of(RoomError.LOG_FORBIDDEN);
    private static final Instant NOW = Instant.parse("2026-12-07T00:00:00Z");
    private final SecureRandom random = new SecureRandom();
    private final DeviceKeys aliceKeys = DeviceKeys.generate(random);
    private final DeviceKeys operatorKeys = DeviceKeys.generate(random);
    private final MemoryPrekeyStore operatorPrekeys = new MemoryPrekeyStore();
    private final Session alice;
    private final List<MaliciousOperator.Queued> queued = new ArrayList<>();

    GhostMemberRoomKeysTest() throws Exception {
        PrekeyRecord signed = operatorPrekeys.generate(operatorKeys, PrekeyKind.SIGNED_X25519, NOW, random);
        PrekeyRecord oneTime = operatorPrekeys.generate(operatorKeys, PrekeyKind.ONE_TIME_X25519, NOW, random);
        PrekeyRecord kem = operatorPrekeys.generate(operatorKeys, PrekeyKind.LAST_RESORT_MLKEM768, NOW, random);
        alice = SessionStart.initiate(aliceKeys, VerifiedBundle.verify(new PrekeyBundle(1, operatorKeys.identity().encoded(),
                signed.encode(), Optional.of(oneTime.encode()), kem.encode()), Optional.empty()), random);
    }

    private DeviceInbox operatorDevice() {
        return new DeviceInbox(operatorKeys, operatorPrekeys, List.of());
    }

    private void queueFromAlice(InnerMessage inner) throws Exception {
        queued.add(new MaliciousOperator.Queued("alice", 1, alice.encrypt(inner, random).toByteArray()));
    }

    private InnerMessage roomKey(String room) {
        byte[] chainKey = new byte[32];
        random.nextBytes(chainKey);
        return new SenderKeyDistribution(room, new DeviceRef("alice", 1), 1, 0, SecretBytes.wrapOwned(chainKey),
                Bytes.wrapOwned(new byte[32]), 1, Bytes.wrapOwned(new byte[32])).asInnerMessage(messageId(), NOW);
    }

    private Bytes messageId() {
        byte[] id = new byte[16];
        random.nextBytes(id);
        return Bytes.wrapOwned(id);
    }

    @Test
    void aPrivateMessageAPlaceholderAndAnotherRoomsKeyAreNoRoomKeyForTheGhost() throws Exception {
        queueFromAlice(InnerMessage.text("hello mallory", messageId(), NOW));
        queued.add(new MaliciousOperator.Queued("bob", 1, new byte[] {0}));
        queueFromAlice(roomKey("another room"));

        int keys = GhostMember.roomKeys(ROOM, queued, operatorDevice());

        assertThat(keys).isZero();
        assertThat(GhostMember.verdict(FORBIDDEN, FORBIDDEN, false, keys, true).verdict()).isEqualTo(Verdict.DEFEATED);
    }

    @Test
    void anEnvelopeTheOperatorsDeviceCannotOpenIsNoRoomKeyEither() throws Exception {
        queued.add(new MaliciousOperator.Queued("alice", 1, new byte[] {1, 2, 3, 4}));

        int keys = GhostMember.roomKeys(ROOM, queued, operatorDevice());

        assertThat(keys).isZero();
        assertThatThrownBy(() -> GhostMember.verdict(List.of(), FORBIDDEN, false, keys, true))
                .isInstanceOf(NotShownToSucceedException.class);
    }

    @Test
    void theRoomsKeyAmongOtherEnvelopesIsCountedAndIsTheAttackSucceeding() throws Exception {
        queueFromAlice(InnerMessage.text("hello mallory", messageId(), NOW));
        queueFromAlice(roomKey(ROOM));
        queueFromAlice(roomKey("another room"));

        int keys = GhostMember.roomKeys(ROOM, queued, operatorDevice());

        assertThat(keys).isEqualTo(1);
        assertThat(GhostMember.verdict(FORBIDDEN, FORBIDDEN, false, keys, true).verdict()).isEqualTo(Verdict.SUCCEEDED);
    }

    @Test
    void theInboxTellsEachKindApart() throws Exception {
        queueFromAlice(roomKey(ROOM));
        queueFromAlice(InnerMessage.text("hello mallory", messageId(), NOW));
        queued.add(new MaliciousOperator.Queued("bob", 1, new byte[] {0}));

        assertThat(operatorDevice().open(queued)).containsExactly(
                new DeviceInbox.Opened.RoomKey(ROOM, new DeviceRef("alice", 1)),
                new DeviceInbox.Opened.Text("alice"),
                new DeviceInbox.Opened.Placeholder("bob"));
    }
}
