package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.cli.Messages;
import org.parley.crypto.Bytes;
import org.parley.e2ee.group.LogStatus;
import org.parley.e2ee.group.RoomError;
import org.parley.e2ee.group.RoomSecurityView;

class RoomSecurityTextTest {
    private static final Bytes HEAD = Bytes.fromHex("0123456789abcdef".repeat(4));

    private static List<String> printed(Locale locale, String room, Optional<RoomSecurityView> view) {
        List<String> lines = new CopyOnWriteArrayList<>();
        new TerminalView(line -> lines.add(line.toString()), Messages.forLocale(locale)).roomSecurity(room, view);
        return lines;
    }

    @Test
    void anEncryptedRoomShowsTheLabelsTheOwnChainAndAVerifiedLogWithItsHead() {
        var view = new RoomSecurityView(Optional.of(3L), 12, 988, false, 4, new LogStatus.Verified(6, HEAD));

        String shown = String.join("\n", printed(Locale.ENGLISH, "team", Optional.of(view)));

        assertThat(shown).contains("End-to-end security of team")
                .contains("Forward secrecy: per message, along each sender chain")
                .contains("Post-compromise security: only after a rekey")
                .contains("epoch 3, 12 messages sent, 988 left before a rekey")
                .contains("Sender chains held from other devices: 4")
                .contains("Membership log: verified (6 entries, head 0123456789abcdef…)")
                .contains("earlier history is not shared")
                .doesNotContain("rekey is due").doesNotContain("PROBLEM");
    }

    @Test
    void aForkedLogIsShownAsAProblemWithTheEntriesStillInForceAndADueRekeyIsSaid() {
        var view = new RoomSecurityView(Optional.empty(), 0, 1000, true, 0,
                new LogStatus.Problem(RoomError.LOG_FORKED, "entry 4 differs", 5));

        String shown = String.join("\n", printed(Locale.ENGLISH, "team", Optional.of(view)));

        assertThat(shown).contains("none yet").contains("A rekey is due")
                .contains("Membership log: PROBLEM: the membership log was forked")
                .contains("last verified log (5 entries)").doesNotContain("verified (");
    }

    @Test
    void aPlainRoomSaysTheServerCanReadIt() {
        assertThat(printed(Locale.ENGLISH, "Lobby", Optional.empty()))
                .containsExactly("Lobby is not end-to-end encrypted: the server stores and can read its messages"
                        + " (the channel to the server is still encrypted).");
    }

    @Test
    void theRoomLabelsAreInChineseWhenChineseIsChosen() {
        var view = new RoomSecurityView(Optional.of(1L), 0, 1000, false, 1,
                new LogStatus.Problem(RoomError.BAD_SIGNATURE, "entry 2", 2));

        String shown = String.join("\n", printed(Locale.SIMPLIFIED_CHINESE, "密室", Optional.of(view)));

        assertThat(shown).contains("密室 的端到端安全").contains("前向保密").contains("入侵后安全")
                .contains("成员日志：有问题：签名错误").contains("之前的历史不共享").doesNotContain("{");
    }

    @Test
    void everyRoomErrorHasAnEnglishAndAChineseText() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            Messages text = Messages.forLocale(locale);
            for (RoomError error : RoomError.values()) {
                assertThat(text.has("room.problem." + error.name())).as(locale + " " + error).isTrue();
            }
        }
    }
}
