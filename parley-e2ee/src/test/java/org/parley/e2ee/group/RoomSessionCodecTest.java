package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

class RoomSessionCodecTest {
    private static final DeviceRef ALICE = new DeviceRef("alice", 1);
    private static final DeviceRef BOB = new DeviceRef("bob", 1);

    @Test
    void aStoredSessionWithSkippedKeysAndTwoEpochsReadsOnAndStoresAgainToTheSameBytes() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("codec");
        Bytes first = world.send(ALICE, "one");
        Bytes second = world.send(ALICE, "two");
        world.receive(BOB, world.send(BOB, "from bob"));
        RoomSession bob = world.sessions.get(BOB);
        assertThat(bob.decrypt(second).message().text()).isEqualTo("two");
        world.act(ALICE, new LogBody.Kick("carol"));
        world.sessions.remove(new DeviceRef("carol", 1));
        Bytes third = world.send(ALICE, "three");

        SecretBytes stored = RoomSessionCodec.encode(bob);
        RoomSession restored = RoomSessionCodec.decode(stored, world.log);
        assertThat(RoomSessionCodec.encode(restored)).isEqualTo(stored);
        assertThat(restored.view(world.now)).isEqualTo(bob.view(world.now));
        assertThat(restored.decrypt(first).message().text()).as("a skipped key survived").isEqualTo("one");
        assertThat(restored.decrypt(third).message().text()).isEqualTo("three");
        assertThat(restored.rekeyDue(world.now)).as("bob gave his chain to carol").isTrue();
        world.sessions.put(BOB, restored);
        assertThat(world.receive(BOB, world.send(BOB, "after restore"))).containsEntry(ALICE, "after restore");
    }

    @Test
    void aStoredSessionOverAnotherLogIsRefused() throws Exception {
        RoomWorld world = RoomConversationTest.threeMembers("codec log");
        SecretBytes stored = RoomSessionCodec.encode(world.sessions.get(BOB));
        List<Bytes> shorter = new ArrayList<>(world.log.subList(0, world.log.size() - 1));
        assertThatThrownBy(() -> RoomSessionCodec.decode(stored, shorter)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.LOG_FORKED));
        byte[] truncated = stored.revealCopy();
        assertThatThrownBy(() -> RoomSessionCodec.decode(SecretBytes.copyOf(truncated, 0, truncated.length - 1),
                world.log)).isInstanceOfSatisfying(RoomException.class,
                e -> assertThat(e.error()).isEqualTo(RoomError.MALFORMED));
    }
}
