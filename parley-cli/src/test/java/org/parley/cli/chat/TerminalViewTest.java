package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;
import org.parley.cli.Messages;
import org.parley.client.ServerKeyChangedException;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;
import org.parley.protocol.identity.Fingerprint;

class TerminalViewTest {
    private static final AttributedStyle REVERSE = AttributedStyle.BOLD.inverse();
    private static final Fingerprint PINNED = new Fingerprint(Bytes.wrapOwned(new byte[32]));
    private static final Fingerprint OFFERED = new Fingerprint(Bytes.fromHex("ab".repeat(32)));

    private static List<String> keyChangedLines(Locale locale) {
        List<String> printed = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> printed.add(line.toString()), Messages.forLocale(locale));
        var changed = new ServerKeyChangedException("chat.example.org:7443", PINNED, OFFERED, null);

        view.serverKeyChanged(changed, Path.of("/home/alice/.parley/known_servers"), Optional.of(3));

        return printed;
    }

    @Test
    void theChangedKeyWarningIsPrintedAsRealLinesNamingTheFileAndLine() {
        List<String> lines = keyChangedLines(Locale.ENGLISH);

        assertThat(lines).hasSize(5).noneMatch(line -> line.contains("\uFFFD") || line.contains("\n"));
        assertThat(lines.getFirst()).contains("chat.example.org:7443").contains("CHANGED");
        assertThat(String.join("\n", lines)).contains(PINNED.toString()).contains(OFFERED.toString())
                .contains("line 3 of /home/alice/.parley/known_servers")
                .contains("parley known-servers remove chat.example.org:7443");
    }

    @Test
    void theChangedKeyWarningIsInChineseWhenChineseIsChosen() {
        List<String> lines = keyChangedLines(Locale.SIMPLIFIED_CHINESE);

        assertThat(lines).hasSize(5).noneMatch(line -> line.contains("\uFFFD"));
        assertThat(lines.getFirst()).contains("警告").contains("chat.example.org:7443");
        assertThat(lines.getLast()).contains("第 3 行").contains("/home/alice/.parley/known_servers");
    }

    @Test
    void aMentionOfTheUserIsPrintedInReverseVideoAndOtherTextIsNot() {
        List<AttributedString> printed = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(printed::add, Messages.forLocale(Locale.ENGLISH));
        view.loggedIn("alice", false);
        printed.clear();

        view.event(new ChatEvent.RoomMessage("lobby", message("bob", "ping @Alice please"), false));
        view.event(new ChatEvent.RoomMessage("lobby", message("bob", "no mention of alice"), false));

        AttributedString mentioned = printed.get(0);
        int at = mentioned.toString().indexOf("@Alice");
        assertThat(mentioned.styleAt(at)).isEqualTo(REVERSE);
        assertThat(mentioned.styleAt(at + "@Alice".length())).isNotEqualTo(REVERSE);
        AttributedString plain = printed.get(1);
        assertThat(plain.toString()).endsWith("no mention of alice");
        for (int i = 0; i < plain.length(); i++) {
            assertThat(plain.styleAt(i)).isNotEqualTo(REVERSE);
        }
    }

    private static StoredMessage message(String from, String text) {
        return new StoredMessage(7, 1_700_000_000_000L, from, ContentType.TEXT, Bytes.wrapOwned(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void anEndToEndPrivateMessageCarriesTheLockAndOldPlaintextHistorySaysItIsNotEndToEnd() {
        List<String> printed = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> printed.add(line.toString()), Messages.forLocale(Locale.ENGLISH));
        view.loggedIn("bob", false);
        printed.clear();
        var message = new org.parley.client.e2ee.E2eMessage("alice", "alice", 3, false, org.parley.e2ee.E2eSuite.PQ_RATCHET,
                "00".repeat(16), java.time.Instant.EPOCH, "hi bob");
        var old = new org.parley.protocol.chat.StoredMessage(7, 0, "alice", org.parley.protocol.chat.ContentType.TEXT,
                Bytes.utf8("old words"));

        view.e2e(new org.parley.client.e2ee.E2eEvent.Message(message));
        view.history(new org.parley.protocol.chat.Conversation.WithUser("alice"), List.of(old), false);

        assertThat(printed.getFirst()).contains("🔒", "alice → bob: hi bob");
        assertThat(printed.getLast()).contains("not end-to-end encrypted", "old words").doesNotContain("🔒");
    }

    @Test
    void deviceAndDecryptNoticesAndTheAcceptHintAreInChineseWhenChineseIsChosen() {
        List<String> printed = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> printed.add(line.toString()), Messages.forLocale(Locale.SIMPLIFIED_CHINESE));

        view.e2e(new org.parley.client.e2ee.E2eEvent.DeviceNotice("bob", 9,
                org.parley.client.e2ee.DeviceNoticeKind.ADDED, true));
        view.e2e(new org.parley.client.e2ee.E2eEvent.DecryptFailure("bob", 9, org.parley.e2ee.E2eeError.values()[0], "x"));
        view.error("UNACCEPTED_CHANGES", "bob");
        view.error("UNACCEPTED_CHANGES_INVITE", "bob");

        assertThat(printed).hasSize(4);
        assertThat(printed.get(0)).contains("bob 有一台新设备（9）", "/accept bob");
        assertThat(printed.get(1)).contains("无法解密来自 bob");
        assertThat(printed.get(2)).contains("/verify bob", "/accept bob");
        assertThat(printed.get(3)).startsWith("未邀请").contains("/verify bob", "/accept bob");
    }

    @Test
    void aMessageKeptAcrossARestartIsShownWhenItSettlesInEnglishAndChinese() {
        var message = new org.parley.client.e2ee.E2eMessage("bob", "alice", 3, true, org.parley.e2ee.E2eSuite.PQ_RATCHET,
                "00".repeat(16), java.time.Instant.EPOCH, "kept words");
        List<String> english = new CopyOnWriteArrayList<>();
        List<String> chinese = new CopyOnWriteArrayList<>();
        TerminalView en = new TerminalView(line -> english.add(line.toString()), Messages.forLocale(Locale.ENGLISH));
        en.loggedIn("alice", false);
        english.clear();
        TerminalView zh = new TerminalView(line -> chinese.add(line.toString()), Messages.forLocale(Locale.SIMPLIFIED_CHINESE));

        en.e2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message, org.parley.client.e2ee.SendOutcome.SENT, ""));
        en.e2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message, org.parley.client.e2ee.SendOutcome.REFUSED, "not_member"));
        en.e2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message, org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));
        en.e2e(new org.parley.client.e2ee.E2eEvent.OutboxEntryUnreadable("outbox/00000000000000000001",
                org.parley.client.e2ee.OutboxFormatException.Reason.TRUNCATED));
        zh.e2e(new org.parley.client.e2ee.E2eEvent.SendSettled(message, org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));

        assertThat(english).hasSize(5);
        assertThat(english.get(0)).contains("to bob", "confirmed as sent");
        assertThat(english.get(1)).contains("🔒", "alice → bob: kept words");
        assertThat(english.get(2)).contains("NOT sent (not_member)", "kept words");
        assertThat(english.get(3)).contains("may or may not have been delivered", "kept words");
        assertThat(english.get(4)).contains("outbox/00000000000000000001", "truncated", "set aside");
        assertThat(chinese).singleElement().asString().contains("发送给 bob", "可能已送达", "kept words");
    }

    @Test
    void aRoomMessageKeptAcrossARestartIsShownWhenItSettlesInEnglishAndChinese() {
        var message = new org.parley.client.e2ee.room.E2eRoomMessage("den", "alice", 3, true, "0a0b", 12, 1,
                java.time.Instant.EPOCH, "room words");
        List<String> english = new CopyOnWriteArrayList<>();
        List<String> chinese = new CopyOnWriteArrayList<>();
        new TerminalView(line -> english.add(line.toString()), Messages.forLocale(Locale.ENGLISH))
                .e2e(new org.parley.client.e2ee.E2eEvent.RoomSendSettled(message, org.parley.client.e2ee.SendOutcome.SENT, ""));
        new TerminalView(line -> chinese.add(line.toString()), Messages.forLocale(Locale.SIMPLIFIED_CHINESE))
                .e2e(new org.parley.client.e2ee.E2eEvent.RoomSendSettled(message,
                        org.parley.client.e2ee.SendOutcome.REFUSED, "not_member"));

        assertThat(english).hasSize(2);
        assertThat(english.get(0)).contains("room den", "confirmed as sent");
        assertThat(english.get(1)).contains("room words");
        assertThat(chinese).singleElement().asString().contains("房间 den", "没有发送", "not_member", "room words");
    }

    @Test
    void aPlaintextRoomMessageKeptAcrossARestartIsShownWhenItSettlesWithoutALockInEnglishAndChinese() {
        List<String> english = new CopyOnWriteArrayList<>();
        List<String> chinese = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> english.add(line.toString()), Messages.forLocale(Locale.ENGLISH));
        view.e2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby", "plain words", 1234,
                org.parley.client.e2ee.SendOutcome.SENT, ""));
        view.e2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby", "plain words", 0,
                org.parley.client.e2ee.SendOutcome.NOT_CONFIRMED, ""));
        new TerminalView(line -> chinese.add(line.toString()), Messages.forLocale(Locale.SIMPLIFIED_CHINESE))
                .e2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby", "plain words", 0,
                        org.parley.client.e2ee.SendOutcome.REFUSED, "not_member"));

        assertThat(english).hasSize(2);
        assertThat(english.get(0)).contains("room lobby", "confirmed as sent", "message 1234", "plain words")
                .doesNotContain("🔒");
        assertThat(english.get(1)).contains("may or may not have been delivered", "plain words");
        assertThat(chinese).singleElement().asString().contains("房间 lobby", "没有发送", "not_member", "plain words");
    }

    @Test
    void aPlaintextRoomMessageKeptAcrossARestartSettlesInJson() {
        java.io.StringWriter out = new java.io.StringWriter();

        new JsonView(new java.io.PrintWriter(out, true)).e2e(new org.parley.client.e2ee.E2eEvent.RoomTextSettled("lobby",
                "plain words", 1234, org.parley.client.e2ee.SendOutcome.SENT, ""));

        assertThat(out.toString()).contains("\"type\":\"roomTextSettled\"", "\"room\":\"lobby\"",
                "\"outcome\":\"sent\"", "\"id\":1234", "\"text\":\"plain words\"");
    }

    @Test
    void aPlaceholderFromADeviceThatCouldNotEncryptForThisOneIsSaidSoInEnglishAndChinese() {
        List<String> english = new CopyOnWriteArrayList<>();
        List<String> chinese = new CopyOnWriteArrayList<>();
        new TerminalView(line -> english.add(line.toString()), Messages.forLocale(Locale.ENGLISH))
                .e2e(new org.parley.client.e2ee.E2eEvent.NotEncryptedForThisDevice("bob", 3));
        new TerminalView(line -> chinese.add(line.toString()), Messages.forLocale(Locale.SIMPLIFIED_CHINESE))
                .e2e(new org.parley.client.e2ee.E2eEvent.NotEncryptedForThisDevice("bob", 3));

        assertThat(english).singleElement().asString()
                .contains("bob's device 3 could not encrypt this message for this device").doesNotContain("unsupported");
        assertThat(chinese).singleElement().asString().contains("bob 的设备 3 无法为本设备加密这条消息");
    }

    private static List<String> droppedLines(Locale locale, String code, String detail) {
        List<String> printed = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> printed.add(line.toString()), Messages.forLocale(locale));

        view.roomDropped("茶室", code, detail);

        return printed;
    }

    @Test
    void aRoomDroppedAfterAReconnectSaysTheUserIsNoLongerInItAndWhyInTheirLanguage() {
        assertThat(droppedLines(Locale.ENGLISH, "BANNED", "")).singleElement().asString()
                .contains("no longer in 茶室").contains("You are banned from that room.");
        assertThat(droppedLines(Locale.SIMPLIFIED_CHINESE, "NO_SUCH_ROOM", "")).singleElement().asString()
                .contains("茶室").contains("没有这个聊天室。").doesNotContain("{");
    }

    @Test
    void aRoomDroppedForARefusalWithoutATextOfItsOwnShowsTheCodeAndTheServersDetail() {
        assertThat(droppedLines(Locale.ENGLISH, "INVALID_NAME", "too long")).singleElement().asString()
                .contains("no longer in 茶室").contains("INVALID_NAME").contains("too long");
    }
}
