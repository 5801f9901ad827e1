package org.parley.e2ee.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;

/** The skipped message keys a room session keeps are bounded over all its chains, not per chain only. */
class RoomSkippedKeysTest {
    private static final int FULL_CHAINS = RoomSession.MAX_SKIPPED_HELD / InboundChain.MAX_SKIPPED;

    @Test
    void aSessionWhoseChainsHoldTheBoundAndReadsPastAGapDropsTheOldestKeysOfTheFullestChainAndKeepsTheNewGapReadable()
            throws Exception {
        RoomWorld world = RoomWorld.create("skipped keys", "alice");
        DeviceRef alice = new DeviceRef("alice", 1);
        DeviceRef bob = world.invite(alice, "bob");
        List<Bytes> sent = new ArrayList<>();
        for (int i = 0; i < InboundChain.MAX_SKIPPED; i++) {
            sent.add(world.send(alice, "message " + i));
        }
        RoomSession held = world.sessions.get(bob);
        RoomSession session = RoomSession.restore(bob, held.log(), RekeyPolicy.DEFAULT, held.lastEpoch(), false, null,
                withFullChains(held.inbound()));

        session.decrypt(sent.getLast()); // skips 999 keys, past the bound the other chains already fill

        assertThat(skipped(session)).isEqualTo(RoomSession.MAX_SKIPPED_HELD);
        assertThat(session.inbound().get(alice).getFirst().skippedCount()).isEqualTo(InboundChain.MAX_SKIPPED - 1);
        assertThat(session.decrypt(sent.get(500)).message().text()).isEqualTo("message 500");
    }

    /** {@code inbound} and as many chains of other devices, each holding the most skipped keys a chain keeps, as the bound allows. */
    private static Map<DeviceRef, List<InboundChain>> withFullChains(Map<DeviceRef, List<InboundChain>> inbound) {
        Map<DeviceRef, List<InboundChain>> all = new TreeMap<>(Membership.DEVICE_ORDER);
        all.putAll(inbound);
        for (int device = 0; device < FULL_CHAINS; device++) {
            LinkedHashMap<Long, byte[]> skipped = new LinkedHashMap<>();
            for (long iteration = 0; iteration < InboundChain.MAX_SKIPPED; iteration++) {
                skipped.put(iteration, new byte[32]);
            }
            all.put(new DeviceRef("other", device + 1), List.of(new InboundChain(1, Bytes.wrapOwned(new byte[32]),
                    new byte[32], InboundChain.MAX_SKIPPED + 1, skipped)));
        }
        return all;
    }

    private static long skipped(RoomSession session) {
        return session.inbound().values().stream().flatMap(List::stream).mapToLong(InboundChain::skippedCount).sum();
    }
}
