package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** An account's first session and its last one run their callbacks; the sessions between do not. */
class OnlineUsersTest {
    private final OnlineUsers online = new OnlineUsers();
    private final List<String> transitions = new ArrayList<>();

    private static ChatSession session(long id, String user) {
        return new ChatSession(id, user, user.toLowerCase(Locale.ROOT), "127.0.0.1", new RecordingLink());
    }

    @Test
    void onlyTheFirstSessionOfAnAccountRunsItsCameOnlineCallback() {
        boolean first = online.add(session(1, "Alice"), () -> transitions.add("alice online"));
        boolean second = online.add(session(2, "alice"), () -> transitions.add("alice online again"));

        assertThat(first).isTrue();
        assertThat(second).isFalse();
        assertThat(transitions).containsExactly("alice online");
        assertThat(online.sessionsOf("alice")).hasSize(2);
    }

    @Test
    void onlyTheLastSessionOfAnAccountRunsItsWentOfflineCallback() {
        ChatSession one = session(1, "alice");
        ChatSession two = session(2, "alice");
        online.add(one, () -> { });
        online.add(two, () -> { });

        boolean lastAfterOne = online.remove(one, () -> transitions.add("offline after one"));
        boolean lastAfterTwo = online.remove(two, () -> transitions.add("offline after two"));

        assertThat(lastAfterOne).isFalse();
        assertThat(lastAfterTwo).isTrue();
        assertThat(transitions).containsExactly("offline after two");
        assertThat(online.isOnline("alice")).isFalse();
    }

    @Test
    void removingASessionThatIsNotOnlineRunsNothing() {
        online.add(session(1, "alice"), () -> { });

        boolean last = online.remove(session(2, "alice"), () -> transitions.add("offline"));

        assertThat(last).isFalse();
        assertThat(transitions).isEmpty();
        assertThat(online.isOnline("alice")).isTrue();
    }

    @Test
    void anAccountThatComesBackRunsItsCameOnlineCallbackAgain() {
        ChatSession earlier = session(1, "alice");
        online.add(earlier, () -> transitions.add("online"));
        online.remove(earlier, () -> transitions.add("offline"));
        online.add(session(2, "alice"), () -> transitions.add("online"));

        assertThat(transitions).containsExactly("online", "offline", "online");
    }
}
