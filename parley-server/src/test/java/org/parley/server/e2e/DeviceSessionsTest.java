package org.parley.server.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.parley.server.chat.ChatSession;
import org.parley.server.chat.SessionLink;

/**
 * Sessions start and end on event loops while devices are bound on the end-to-end lane: what one
 * account's sessions and bindings look like in each order of those calls.
 */
class DeviceSessionsTest {
    private static final SessionLink NOWHERE = new SessionLink() {
        @Override
        public void deliver(org.parley.protocol.chat.ChatEvent event) {
        }

        @Override
        public void close(String reason) {
        }
    };
    private final DeviceSessions sessions = new DeviceSessions();

    private static ChatSession session(long id, String account) {
        return new ChatSession(id, account, account, "127.0.0.1", NOWHERE);
    }

    @Test
    void aSessionThatNeverBoundADeviceEndsWithNoDeviceToRecord() {
        ChatSession alice = session(1, "alice");
        sessions.started(alice);

        assertThat(sessions.ended(alice)).isEqualTo(OptionalLong.empty());
        assertThat(sessions.sessionsOf("alice")).isEmpty();
    }

    @Test
    void aSessionBoundBeforeItEndedHandsBackItsDeviceOnceAndIsUnbound() {
        ChatSession alice = session(1, "alice");
        sessions.started(alice);
        sessions.bind(alice, 7);

        assertThat(sessions.sessionsOf("alice", 7)).containsExactly(alice);
        assertThat(sessions.ended(alice)).isEqualTo(OptionalLong.of(7));
        assertThat(sessions.deviceOf(alice)).isEqualTo(OptionalLong.empty());
        assertThat(sessions.ended(alice)).isEqualTo(OptionalLong.empty());
    }

    @Test
    void aBindThatArrivesAfterItsSessionEndedKeepsNothing() {
        ChatSession alice = session(1, "alice");
        ChatSession aliceElsewhere = session(2, "alice");
        sessions.started(alice);
        sessions.started(aliceElsewhere);
        sessions.ended(alice);

        sessions.bind(alice, 7);

        assertThat(sessions.deviceOf(alice)).isEqualTo(OptionalLong.empty());
        assertThat(sessions.sessionsOf("alice", 7)).isEmpty();
    }

    @Test
    void anAccountsSessionsStayInStartOrderAndLoseOnlyTheOneThatEnded() {
        ChatSession first = session(1, "alice");
        ChatSession second = session(2, "alice");
        ChatSession third = session(3, "alice");
        ChatSession bob = session(4, "bob");
        sessions.started(first);
        sessions.started(bob);
        sessions.started(second);
        sessions.started(third);
        sessions.bind(third, 9);

        sessions.ended(second);

        assertThat(sessions.sessionsOf("alice")).containsExactly(first, third);
        assertThat(sessions.sessionsOf("bob")).containsExactly(bob);
        assertThat(sessions.deviceOf(third)).isEqualTo(OptionalLong.of(9));
    }

    @Test
    void removingADeviceUnbindsItsSessionsOnly() {
        ChatSession first = session(1, "alice");
        ChatSession second = session(2, "alice");
        sessions.started(first);
        sessions.started(second);
        sessions.bind(first, 7);
        sessions.bind(second, 8);

        sessions.deviceRemoved("alice", 7);

        assertThat(sessions.deviceOf(first)).isEqualTo(OptionalLong.empty());
        assertThat(sessions.deviceOf(second)).isEqualTo(OptionalLong.of(8));
        assertThat(sessions.ended(first)).isEqualTo(OptionalLong.empty());
    }
}
