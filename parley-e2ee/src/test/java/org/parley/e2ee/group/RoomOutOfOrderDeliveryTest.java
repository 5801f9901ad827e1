package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.parley.crypto.Bytes;
import org.parley.e2ee.envelope.InnerMessage;

/**
 * Property run: a sender's room messages delivered in any order, with duplicates, within the skip
 * window: every first delivery decrypts to what was sent (with its iteration), every later copy is
 * a {@code DUPLICATE_MESSAGE}, and the receiver keeps at most the documented skipped keys.
 */
class RoomOutOfOrderDeliveryTest {

    @Property(tries = 60)
    void anyOrderWithDuplicatesDecryptsEachMessageExactlyOnce(@ForAll @IntRange(min = 1, max = 40) int count,
            @ForAll @Size(max = 120) List<@IntRange(min = 0, max = 39) Integer> deliveries) throws Exception {
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
