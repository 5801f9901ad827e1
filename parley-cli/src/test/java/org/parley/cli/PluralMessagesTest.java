package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import org.junit.jupiter.api.Test;

/** Counts in the terminal client's English text agree with their number; Chinese has no plural. */
class PluralMessagesTest {
    private final Messages english = Messages.forLocale(Locale.ENGLISH);
    private final Messages chinese = Messages.forLocale(Locale.SIMPLIFIED_CHINESE);

    @Test
    void oneMemberIsSingularAndTwoArePlural() {
        assertThat(english.get("room.joined", "Lobby", 1, "hi")).isEqualTo("Joined Lobby (1 member). Topic: hi");
        assertThat(english.get("room.joined", "Lobby", 2, "hi")).isEqualTo("Joined Lobby (2 members). Topic: hi");
        // Properties files drop leading blanks of a value, so the entries start with the name.
        assertThat(english.get("room.list.entry", "Lobby", "public", 1, 1, "hi")).isEqualTo("Lobby  [public]  1 member, 1 online  hi");
        assertThat(english.get("room.list.entry", "Lobby", "public", 1200, 3, "hi"))
                .isEqualTo("Lobby  [public]  1,200 members, 3 online  hi");
    }

    @Test
    void sessionsAndHistoryMessagesCountTheSameWay() {
        assertThat(english.get("members.entry", "alice", "owner", 1)).isEqualTo("alice  owner  (1 session)");
        assertThat(english.get("members.entry", "alice", "owner", 3)).isEqualTo("alice  owner  (3 sessions)");
        assertThat(english.get("history.header", "Lobby", 1)).isEqualTo("--- history of Lobby: 1 message ---");
        assertThat(english.get("history.header", "Lobby", 0)).isEqualTo("--- history of Lobby: no messages ---");
        assertThat(english.get("history.header", "Lobby", 50)).isEqualTo("--- history of Lobby: 50 messages ---");
    }

    @Test
    void chineseCountsAreUnchanged() {
        assertThat(chinese.get("room.joined", "大厅", 1, "欢迎")).isEqualTo("已加入 大厅（1 名成员）。主题：欢迎");
    }
}
