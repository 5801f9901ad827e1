package org.parley.server.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.server.ServerLimits;
import org.parley.server.testing.RoomLogBook;
import org.parley.server.testing.RoomMember;
import org.parley.server.testing.ServerFixture;

/**
 * FetchRoomLog pages (docs/PROTOCOL.md, Sections 14.7 and 14.9) on a server whose messages are at
 * most 2,048 bytes, so that a log of a few entries takes several pages.
 */
class EncryptedRoomPagingTest {
    @RegisterExtension
    final ServerFixture fixture = ServerFixture.startedBeforeEachTest(ServerLimits.defaults().withMaxMessageBytes(2048));

    @Test
    void theLogIsServedInPagesThatFitOneMessage() throws Exception {
        RoomMember alice = RoomMember.registered(fixture, "alice");
        RoomMember bob = RoomMember.registered(fixture, "bob");
        RoomLogBook log = EncryptedRoomTrafficTest.aliceAndBob(alice, bob);
        for (int i = 0; i < 12; i++) {
            org.parley.e2ee.group.Role role = i % 2 == 0 ? org.parley.e2ee.group.Role.OPERATOR
                    : org.parley.e2ee.group.Role.MEMBER;
            log.append(alice, new LogBody.RoleChange("bob", role), ChatEvent.Accepted.class);
        }

        List<Bytes> paged = new ArrayList<>();
        List<Integer> pageSizes = new ArrayList<>();
        ChatEvent.RoomLogPage page;
        do {
            long from = paged.size();
            page = bob.ask(id -> new ChatRequest.FetchRoomLog(id, "open", from), ChatEvent.RoomLogPage.class);
            assertThat(page.fromSeq()).isEqualTo(from);
            paged.addAll(page.entries());
            pageSizes.add(page.entries().size());
        } while (page.more());
        ChatEvent.RoomLogPage beyond = bob.ask(id -> new ChatRequest.FetchRoomLog(id, "open", 999),
                ChatEvent.RoomLogPage.class);

        assertThat(paged).isEqualTo(log.entries());
        assertThat(pageSizes).hasSizeGreaterThan(1).doesNotContain(0);
        assertThat(beyond.entries()).isEmpty();
        assertThat(beyond.more()).isFalse();
    }

}
