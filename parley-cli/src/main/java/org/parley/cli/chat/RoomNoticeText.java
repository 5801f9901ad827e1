package org.parley.cli.chat;

import org.parley.cli.Messages;
import org.parley.client.e2ee.room.RoomEvent;

/**
 * The translated line of an encrypted-room notice or refusal: who joined, left, was kicked or
 * banned, a new sender key, "earlier history is not shared", and what was refused (a bad
 * signature, a non-member, a broken or forked membership log) with the room core's English detail.
 */
final class RoomNoticeText {
    private RoomNoticeText() {
    }

    static String notice(Messages text, RoomEvent.Notice notice) {
        return text.get("room.notice." + notice.kind().name(), notice.user(), notice.deviceId(), notice.detail(), notice.room());
    }

    static String problem(Messages text, RoomEvent.Problem problem) {
        return text.get("room.refused", problem.room(), RoomSecurityText.problem(text, problem.error()), problem.detail());
    }
}
