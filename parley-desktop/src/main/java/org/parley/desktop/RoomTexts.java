package org.parley.desktop;

import org.parley.client.e2ee.room.RoomEvent;

/**
 * The localised conversation lines of encrypted-room notices and refusals: who joined, left, was
 * kicked or banned, a new sender key, "earlier history is not shared", and what was refused (a bad
 * signature, a non-member, a broken or forked membership log) with the room core's English detail.
 */
final class RoomTexts {
    private RoomTexts() {
    }

    static String notice(I18n i18n, RoomEvent.Notice notice) {
        return "🔒 " + i18n.get("roomE2e.notice." + notice.kind().name(), notice.user(), notice.deviceId(), notice.detail());
    }

    static String problem(I18n i18n, RoomEvent.Problem problem) {
        return "🔒 " + i18n.get("roomE2e.refused", RoomSecuritySection.problem(i18n, problem.error()), problem.detail());
    }
}
