package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.InnerMessage;

/**
 * Property run: a sender's room messages delivered in any order, with duplicates, within the skip
 * window: every first delivery decrypts to what was sent (with its iteration), every later copy is
 * a {@code DUPLICATE_MESSAGE}, and the receiver keeps one sender chain.
 *
 * <p>The cases are drawn from seeded {@link Random}s (like {@code RandomConversationTest}), so a
 * failure names the seed that replays it; {@code -Dparley.e2ee.room-orders=N} runs more (default 60).
 */
class RoomOutOfOrderDeliveryTest {
    private static final int RUNS = Integer.getInteger("parley.e2ee.room-orders", 60);

    @Test
    void anyOrderWithDuplicatesDecryptsEachMessageExactlyOnce() {
        for (int seed = 0; seed < RUNS; seed++) {
            Random dice = new Random(seed);
            int count = 1 + dice.nextInt(40);
            List<Integer> deliveries = new ArrayList<>();
            for (int i = dice.nextInt(121); i > 0; i--) {
                deliveries.add(dice.nextInt(40));
            }
            try {
                deliverInOrder(count, deliveries);
            } catch (Exception | AssertionError e) {
                throw new AssertionError("room delivery seed " + seed + " failed: " + e, e);
            }
        }
    }

    private static void deliverInOrder(int count, List<Integer> deliveries) throws Exception {
        RoomWorld world = RoomWorld.create("property " + count + " " + deliveries.hashCode(), "alice");
        DeviceRef alice = new DeviceRef("alice", 1);
        DeviceRef bob = world.invite(alice, "bob");
        List<Bytes> sent = new ArrayList<>();
        RoomSession sender = world.sessions.get(alice);
        world.deliver(alice, sender.rekey(world.now, world.random));
        for (int i = 0; i < count; i++) {
            sent.add(sender.encrypt(InnerMessage.text("message " + i, Bytes.wrapOwned(new byte[16]), world.now),
                    world.now));
        }
        RoomSession receiver = world.sessions.get(bob);
        Set<Integer> read = new HashSet<>();
        List<Integer> order = new ArrayList<>();
        deliveries.stream().map(d -> d % count).forEach(order::add);
        for (int i = 0; i < count; i++) {
            order.add(i);
        }
        for (int index : order) {
            if (read.add(index)) {
                RoomMessage message = receiver.decrypt(sent.get(index));
                assertThat(message.message().text()).isEqualTo("message " + index);
                assertThat(message.iteration()).isEqualTo(index);
            } else {
                assertThatThrownBy(() -> receiver.decrypt(sent.get(index))).isInstanceOfSatisfying(RoomException.class,
                        e -> assertThat(e.error()).isEqualTo(RoomError.DUPLICATE_MESSAGE));
            }
        }
        assertThat(read).hasSize(count);
        assertThat(receiver.view(world.now).senderChains()).isEqualTo(1);
    }
}
