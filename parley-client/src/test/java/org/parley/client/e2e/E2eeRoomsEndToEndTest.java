package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.e2ee.room.E2eRoomMessage;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.Conversation;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;
import org.parley.server.ParleyServer;

/** Encrypted rooms with a real server and real client sessions over loopback (issue 9). */
class E2eeRoomsEndToEndTest {
    private static final String ROOM = "den";

    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void threeMembersChatAndAKickedMembersKeptStateOpensNothingTheServerFansOutAfterTheKick() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob", "carol");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest carol = device(server, "carol", "c1")) {
                roomOf(alice, bob, carol);
                alice.await(alice.session.sendRoom(ROOM, "hello all"));
                await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("hello all")
                        && carol.roomTexts().contains("hello all"));
                Path kept = devices.resolve("carol-kept");
                copy(devices.resolve("c1"), kept);

                // The kept copy holds alice's chain: it opens her next message (the harness works) ...
                alice.await(alice.session.sendRoom(ROOM, "alice before the kick"));
                bob.await(bob.session.sendRoom(ROOM, "hi from bob"));
                await().atMost(TestServer.timeout()).until(() -> carol.roomTexts().contains("hi from bob")
                        && alice.roomTexts().contains("hi from bob"));
                alice.await(alice.session.kick(ROOM, "carol", ""));
                alice.await(alice.session.sendRoom(ROOM, "after the kick"));
                bob.await(bob.session.sendRoom(ROOM, "bob after the kick"));
                await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("after the kick")
                        && alice.roomTexts().contains("bob after the kick"));

                List<StoredMessage> fannedOut = alice.await(alice.session.call(c -> c.history(new Conversation.InRoom(ROOM),
                        0, 100))).messages();
                List<String> opened = KeptRoomState.openAll(kept, "carol", ROOM, fannedOut);

                // ... and nothing sent after the kick.
                assertThat(fannedOut).hasSize(5).allMatch(m -> m.contentType() == ContentType.OPAQUE);
                assertThat(opened).containsExactly("alice before the kick");
                assertThat(carol.roomTexts()).containsExactly("hello all", "alice before the kick", "hi from bob");
                assertThat(carol.roomNotices()).contains(RoomNoticeKind.NO_LONGER_MEMBER);
                assertThat(alice.roomNotices()).contains(RoomNoticeKind.KICKED, RoomNoticeKind.REKEYED);
                assertThat(alice.roomProblems()).isEmpty();
                assertThat(bob.roomProblems()).isEmpty();
            }
        }
    }

    @Test
    void aNewMemberReadsFromTheirJoinOnAndIsToldSo() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                alice.await(alice.session.createEncryptedRoom(ROOM, RoomVisibility.PRIVATE));
                alice.await(alice.session.sendRoom(ROOM, "before bob"));
                alice.await(alice.session.invite(ROOM, "bob"));
                ChatEvent.JoinedRoom joined = bob.await(bob.session.join(ROOM));
                alice.await(alice.session.sendRoom(ROOM, "after bob joined"));
                await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("after bob joined"));

                assertThat(joined.room().encrypted()).isTrue();
                assertThat(bob.session.isEncrypted(ROOM)).isTrue();
                assertThat(bob.roomTexts()).containsExactly("after bob joined");
                assertThat(bob.await(bob.session.roomHistory(ROOM))).extracting(E2eRoomMessage::text)
                        .containsExactly("after bob joined");
                assertThat(bob.roomNotices()).contains(RoomNoticeKind.HISTORY_NOT_SHARED);
                assertThat(bob.roomProblems()).isEmpty();
            }
        }
    }

    @Test
    void aRestartedClientKeepsItsEncryptedRoomsAndHistoryAndCatchesUpWithWhatWasSentMeanwhile() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                try (E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                    roomOf(alice, bob);
                    alice.await(alice.session.sendRoom(ROOM, "one"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("one"));
                    bob.await(bob.session.sendRoom(ROOM, "two"));
                }
                alice.await(alice.session.sendRoom(ROOM, "while bob is away"));
                try (E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                    bob.await(bob.session.join(ROOM));
                    alice.await(alice.session.sendRoom(ROOM, "three"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("three"));
                    bob.await(bob.session.sendRoom(ROOM, "four"));
                    await().atMost(TestServer.timeout()).until(() -> alice.roomTexts().contains("four"));

                    assertThat(bob.session.isEncrypted(ROOM)).isTrue();
                    assertThat(bob.await(bob.session.roomHistory(ROOM))).extracting(E2eRoomMessage::text)
                            .containsExactly("one", "two", "while bob is away", "three", "four");
                    assertThat(alice.roomTexts()).containsExactly("two", "four");
                    assertThat(bob.roomProblems()).isEmpty();
                }
            }
        }
    }

    @Test
    void aMembersNewDeviceIsAddedToTheLogByTheirOtherDeviceOnceAcceptedAndARemovedDeviceReadsNothingAfterwards() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                roomOf(alice, bob);
                alice.await(alice.session.sendRoom(ROOM, "before the second device"));
                try (E2eDeviceUnderTest aliceToo = device(server, "alice", "a2")) {
                    org.parley.e2ee.group.DeviceRef second = new org.parley.e2ee.group.DeviceRef("alice",
                            aliceToo.session.deviceId());
                    await().atMost(TestServer.timeout()).until(() -> alice.await(alice.session.pendingOwnDevices())
                            .contains(second.deviceId()));
                    alice.await(alice.session.acceptChanges("alice"));
                    assertThat(alice.await(alice.session.roomMembership(ROOM)).admits(second)).isTrue();
                    aliceToo.await(aliceToo.session.join(ROOM));
                    bob.await(bob.session.sendRoom(ROOM, "hello to both devices"));
                    await().atMost(TestServer.timeout()).until(() -> aliceToo.roomTexts().contains("hello to both devices")
                            && alice.roomTexts().contains("hello to both devices"));

                    alice.await(alice.session.removeDevice(second.deviceId()));
                    bob.await(bob.session.sendRoom(ROOM, "after the removal"));
                    await().atMost(TestServer.timeout()).until(() -> alice.roomTexts().contains("after the removal"));

                    assertThat(aliceToo.roomTexts()).containsExactly("hello to both devices");
                    assertThat(alice.await(alice.session.roomMembership(ROOM)).admits(second)).isFalse();
                    assertThat(alice.roomNotices()).contains(RoomNoticeKind.DEVICE_ADDED, RoomNoticeKind.DEVICE_REMOVED);
                    assertThat(bob.roomProblems()).isEmpty();
                }
            }
        }
    }

    @Test
    void aRandomMarkerSentInAnEncryptedRoomAppearsInNeitherTheDatabaseNorItsWalNorAnyLog() throws Exception {
        MarkerSearch.assertOnlyTheReceiverKeepsIt(data, devices.resolve("b1"), "the receiving device's room history",
                (server, sent) -> {
                    E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
                    try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                            E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                        roomOf(alice, bob);
                        alice.await(alice.session.sendRoom(ROOM, sent));
                        bob.await(bob.session.sendRoom(ROOM, "reply to " + sent));
                        await().atMost(TestServer.timeout()).until(() -> alice.roomTexts().contains("reply to " + sent)
                                && bob.roomTexts().contains(sent));
                    }
                });
    }

    /** alice creates the private encrypted room, invites the others, and they join by signed entries. */
    static void roomOf(E2eDeviceUnderTest owner, E2eDeviceUnderTest... others) throws Exception {
        owner.await(owner.session.createEncryptedRoom(ROOM, RoomVisibility.PRIVATE));
        for (E2eDeviceUnderTest other : others) {
            owner.await(owner.session.invite(ROOM, other.session.displayName()));
            other.await(other.session.join(ROOM));
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }

    private static void copy(Path from, Path to) throws Exception {
        List<Path> files = new ArrayList<>();
        try (var walk = Files.walk(from)) {
            walk.forEach(files::add);
        }
        for (Path file : files) {
            Path target = to.resolve(from.relativize(file).toString());
            if (Files.isDirectory(file)) {
                Files.createDirectories(target);
            } else {
                Files.copy(file, target);
            }
        }
    }
}
