package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.parley.cli.Messages;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.group.RoomError;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.MemberInfo;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/** How both views show encrypted-room messages, notices and refusals, and whether a joined room is encrypted. */
class RoomEventViewsTest {
    private static final Instant AT = Instant.parse("2026-12-05T04:30:00Z");
    private static final E2eRoomMessage FROM_BOB =
            new E2eRoomMessage("team", "bob", 7, false, "a1b2c3d4e5f60718293a4b5c6d7e8f90", 42, 2, AT, "hello 你好");

    private static List<String> terminal(Locale locale, RoomEvent... events) {
        List<String> lines = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> lines.add(line.toString()), Messages.forLocale(locale));
        for (RoomEvent event : events) {
            view.room(event);
        }
        return lines;
    }

    private static List<JsonNode> json(java.util.function.Consumer<JsonView> action) throws Exception {
        StringWriter out = new StringWriter();
        action.accept(new JsonView(new PrintWriter(out, true)));
        List<JsonNode> nodes = new ArrayList<>();
        for (String line : out.toString().lines().toList()) {
            nodes.add(new ObjectMapper().readTree(line));
        }
        return nodes;
    }

    private static ChatEvent.JoinedRoom joined(boolean encrypted) {
        return new ChatEvent.JoinedRoom(1, new RoomInfo("team", "plans", RoomVisibility.PRIVATE, encrypted, 1, 1),
                List.of(new MemberInfo("alice", Role.OWNER, 1)));
    }

    @Test
    void aRoomMessageCarriesTheLockBeforeTheRoomName() {
        assertThat(terminal(Locale.ENGLISH, new RoomEvent.Message(FROM_BOB)))
                .singleElement().asString().endsWith(" 🔒#team <bob> hello 你好");
    }

    @Test
    void aKickSaysEveryoneRekeysAndTheFirstJoinSaysEarlierHistoryIsNotShared() {
        List<String> lines = terminal(Locale.ENGLISH,
                new RoomEvent.Notice("team", RoomNoticeKind.KICKED, "carol", 0, ""),
                new RoomEvent.Notice("team", RoomNoticeKind.HISTORY_NOT_SHARED, "", 0, ""),
                new RoomEvent.Notice("team", RoomNoticeKind.JOINED, "dave", 3, ""));

        assertThat(lines).containsExactly(
                "🔒 carol was kicked from team; everyone starts a new sender key before sending again, so carol cannot read what follows.",
                "🔒 New members read team from their join on; earlier history is not shared.",
                "🔒 dave joined team (device 3).");
    }

    @Test
    void aRefusalNamesTheProblemAndSaysNothingChangedInBothLanguages() {
        var forked = new RoomEvent.Problem("team", RoomError.LOG_FORKED, "entry 4 differs from the verified one");

        assertThat(terminal(Locale.ENGLISH, forked)).containsExactly("🔒 Refused in team: the membership log was forked"
                + " (the server showed different logs) (entry 4 differs from the verified one). Nothing changed; other messages are not affected.");
        assertThat(terminal(Locale.SIMPLIFIED_CHINESE, forked)).singleElement().asString()
                .contains("已在 team 中拒收").contains("成员日志出现分叉").contains("其他消息不受影响");
    }

    @Test
    void everyNoticeKindHasAnEnglishAndAChineseText() {
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            for (RoomNoticeKind kind : RoomNoticeKind.values()) {
                assertThat(terminal(locale, new RoomEvent.Notice("team", kind, "bob", 2, "epoch 2")))
                        .as(locale + " " + kind).singleElement().asString().doesNotContain("{").contains("team");
            }
        }
    }

    @Test
    void theJoinedLineSaysWhetherTheRoomIsEndToEndEncrypted() {
        List<String> lines = new CopyOnWriteArrayList<>();
        TerminalView view = new TerminalView(line -> lines.add(line.toString()), Messages.forLocale(Locale.ENGLISH));

        view.joined(joined(true));
        view.joined(joined(false));

        assertThat(lines).anyMatch(line -> line.startsWith("team is end-to-end encrypted"))
                .anyMatch(line -> line.equals("team is not end-to-end encrypted: the server can read its messages."));
    }

    @Test
    void aReloadedMessageFromAnUnverifiedDeviceIsPrecededByTheNoticeInBothLanguagesAndMarkedInJson() throws Exception {
        E2eRoomMessage marked = new E2eRoomMessage("team", "bob", 9, false, "0f", 43, 2, AT, "from the phone", true);
        E2eMessage privately = new E2eMessage("bob", "bob", 9, false, E2eSuite.values()[0], "0e", AT, "privately", true);
        for (Locale locale : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
            List<String> lines = new CopyOnWriteArrayList<>();
            TerminalView view = new TerminalView(line -> lines.add(line.toString()), Messages.forLocale(locale));
            view.roomHistory("team", List.of(FROM_BOB, marked));
            view.e2eHistory("bob", List.of(privately));

            Messages text = Messages.forLocale(locale);
            assertThat(lines).as(locale.toString()).hasSize(7);
            assertThat(lines.get(1)).endsWith("hello 你好");
            assertThat(lines.get(2)).isEqualTo("🔒 " + RoomNoticeText.notice(text,
                    new RoomEvent.Notice("team", RoomNoticeKind.FROM_UNVERIFIED_DEVICE, "bob", 9, "")));
            assertThat(lines.get(3)).endsWith("from the phone");
            assertThat(lines.get(5)).isEqualTo("🔒 " + text.get("e2e.fromUnverified", "bob", 9L));
            assertThat(lines.get(6)).endsWith("privately");
        }

        List<JsonNode> nodes = json(view -> {
            view.roomHistory("team", List.of(FROM_BOB, marked));
            view.e2eHistory("bob", List.of(privately));
        });
        assertThat(nodes).filteredOn(n -> n.has("fromUnverifiedDevice"))
                .extracting(n -> n.get("text").asText(), n -> n.get("fromUnverifiedDevice").asBoolean())
                .containsExactly(org.assertj.core.groups.Tuple.tuple("hello 你好", false),
                        org.assertj.core.groups.Tuple.tuple("from the phone", true),
                        org.assertj.core.groups.Tuple.tuple("privately", true));
    }

    @Test
    void jsonRoomMessagesCarryTheEndToEndFieldsAndNoticesAndRefusalsHaveTheirOwnTypes() throws Exception {
        List<JsonNode> nodes = json(view -> {
            view.joined(joined(true));
            view.room(new RoomEvent.Message(FROM_BOB));
            view.room(new RoomEvent.Notice("team", RoomNoticeKind.BANNED, "carol", 0, ""));
            view.room(new RoomEvent.Problem("team", RoomError.BAD_SIGNATURE, "message from bob/7"));
            view.roomHistory("team", List.of(FROM_BOB));
        });

        assertThat(nodes.get(0).get("type").asText()).isEqualTo("joined");
        assertThat(nodes.get(0).get("encrypted").asBoolean()).isTrue();
        JsonNode message = nodes.get(1);
        assertThat(message.get("type").asText()).isEqualTo("message");
        assertThat(message.get("room").asText()).isEqualTo("team");
        assertThat(message.get("from").asText()).isEqualTo("bob");
        assertThat(message.get("text").asText()).isEqualTo("hello 你好");
        assertThat(message.get("e2e").asBoolean()).isTrue();
        assertThat(message.get("messageId").asText()).isEqualTo(FROM_BOB.messageId());
        assertThat(message.get("fromDevice").asLong()).isEqualTo(7);
        assertThat(message.get("epoch").asLong()).isEqualTo(2);
        assertThat(message.get("id").asLong()).isEqualTo(42);
        assertThat(message.get("ts").asLong()).isEqualTo(AT.toEpochMilli());
        assertThat(message.get("history").asBoolean()).isFalse();
        assertThat(nodes.get(2).toString()).isEqualTo(
                "{\"type\":\"roomNotice\",\"room\":\"team\",\"kind\":\"banned\",\"user\":\"carol\",\"device\":0,\"detail\":\"\"}");
        assertThat(nodes.get(3).toString()).isEqualTo(
                "{\"type\":\"roomProblem\",\"room\":\"team\",\"error\":\"bad_signature\",\"detail\":\"message from bob/7\"}");
        assertThat(nodes.get(4).get("history").asBoolean()).isTrue();
        assertThat(nodes.get(5).toString()).isEqualTo(
                "{\"type\":\"history\",\"room\":\"team\",\"count\":1,\"more\":false,\"e2e\":true}");
    }
}
