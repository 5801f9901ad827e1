package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.ParleyServer;
import org.parley.server.chat.RequestRate;

/**
 * An encrypted room larger than the per-account allowances the server keeps for end-to-end reads:
 * the first message of its owner, who has no pairwise session with anyone yet, must still reach
 * every member (docs/E2EE.md 20.7, PROTOCOL.md 14.7). It needs every member's prekey bundles, now
 * fetched in batches of nine users (the owner listed them when it invited them).
 */
class E2eeLargeRoomEndToEndTest {
    private static final String ROOM = "class";
    private static final int MEMBERS = 13;

    @TempDir
    Path data;
    @TempDir
    Path devices;

    /** More members than the 10 bundle fetches that hand out one-time prekeys: the rest start without one. */
    @Test
    void theFirstMessageInARoomOfMoreMembersThanTheOneTimePrekeyAllowanceReachesEveryone() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            firstMessageReachesEveryone(server);
        }
    }

    /**
     * A read burst the owner's invitations use up (a device list per invitee): the reads that
     * follow, its first message's among them, are paced to the server's limit instead of failing.
     */
    @Test
    void theFirstMessageReachesEveryoneWhenItsReadsExceedTheServersReadBurst() throws Exception {
        try (ParleyServer server = TestServer.startWithReadRate(data, new RequestRate(16, 1))) {
            firstMessageReachesEveryone(server);
        }
    }

    private void firstMessageReachesEveryone(ParleyServer server) throws Exception {
        List<String> users = new ArrayList<>();
        users.add("teacher");
        for (int i = 1; i < MEMBERS; i++) {
            users.add("student" + i);
        }
        E2eePrivateMessagesEndToEndTest.register(server, users.toArray(String[]::new));
        List<E2eDeviceUnderTest> all = new ArrayList<>();
        try {
            for (String user : users) {
                all.add(E2eDeviceUnderTest.start(server.address(), devices.resolve(user), user, "passphrase of " + user));
            }
            E2eDeviceUnderTest teacher = all.getFirst();
            List<E2eDeviceUnderTest> students = all.subList(1, all.size());
            teacher.await(teacher.session.createEncryptedRoom(ROOM, RoomVisibility.PRIVATE));
            for (E2eDeviceUnderTest student : students) {
                teacher.await(teacher.session.invite(ROOM, student.session.displayName()));
                student.await(student.session.join(ROOM));
            }

            teacher.await(teacher.session.sendRoom(ROOM, "good morning, class"));

            await().atMost(TestServer.timeout()).until(() -> students.stream()
                    .allMatch(student -> student.roomTexts().contains("good morning, class")));
            assertThat(teacher.roomProblems()).isEmpty();
            assertThat(teacher.roomNotices()).doesNotContain(org.parley.client.e2ee.room.RoomNoticeKind.KEY_NOT_DELIVERED);
        } finally {
            all.forEach(E2eDeviceUnderTest::close);
        }
    }
}
