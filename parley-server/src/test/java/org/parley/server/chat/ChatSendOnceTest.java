package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.SendId;
import org.parley.server.metrics.MicrometerServerMetrics;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;
import org.parley.server.store.StoreSeed;

/**
 * Room messages sent once (docs/PROTOCOL.md 14.5, "Sending once"): a repeat of a stored send, from
 * any session of the account, is answered with the first's id and stores and delivers nothing; a
 * repeat that arrives while the first waits for its commit is answered with the first's outcome;
 * a first that stored nothing is forgotten; an id used for another message is refused. Commits
 * are completed by the test, one by one.
 */
class ChatSendOnceTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final SendId ONCE = new SendId(Bytes.fromHex("5e".repeat(SendId.LENGTH)));
    @TempDir
    Path directory;
    private SqliteStore store;
    private HeldCommitStore commits;
    private ChatService chat;
    private final RecordingLink aliceLink = new RecordingLink();
    private final RecordingLink aliceAgainLink = new RecordingLink();
    private final RecordingLink bobLink = new RecordingLink();
    private ChatSession alice;
    private ChatSession aliceAgain;
    private ChatSession bob;

    @BeforeEach
    void start() throws Exception {
        store = SqliteStore.open(directory.resolve("parley.db"));
        StoreSeed.rooms(store, List.of("lobby"), RoomVisibility.PUBLIC, "");
        for (String user : List.of("alice", "bob")) {
            store.createAccount(new AccountRecord(user, user, Optional.empty(), false, 0));
            store.putMember("lobby", user, Role.MEMBER);
        }
        commits = new HeldCommitStore(store);
        chat = TestChatService.open(store, store, store, commits, new RequestRate(1000, 1000),
                new MicrometerServerMetrics(), DeliveryBatch.direct());
        alice = new ChatSession(1, "alice", "alice", "127.0.0.1", aliceLink);
        aliceAgain = new ChatSession(3, "alice", "alice", "127.0.0.1", aliceAgainLink);
        bob = new ChatSession(2, "bob", "bob", "127.0.0.1", bobLink);
        for (ChatSession session : List.of(alice, aliceAgain, bob)) {
            chat.sessionStarted(session);
        }
        await().atMost(WAIT).until(() -> bobLink.has(ChatEvent.Presence.class, p -> p.user().equals("bob"))
                && aliceLink.has(ChatEvent.Presence.class, p -> p.user().equals("alice")));
    }

    @AfterEach
    void close() throws StoreException {
        chat.close();
        store.close();
    }

    private void sayOnce(ChatSession session, long requestId, SendId sendId, String text) {
        chat.handle(session, new ChatRequest.SendRoomMessage(requestId, "lobby", ContentType.TEXT, Bytes.utf8(text),
                Optional.of(sendId)));
    }

    private static ChatEvent answer(RecordingLink link, long requestId) {
        await().atMost(WAIT).until(() -> link.answered(requestId));
        return link.events().stream().filter(e -> e instanceof ChatEvent.Answer a && a.requestId() == requestId)
                .findFirst().orElseThrow();
    }

    private static List<String> texts(RecordingLink link) {
        return link.events(ChatEvent.RoomMessage.class).stream()
                .map(m -> new String(m.message().body().toByteArray(), StandardCharsets.UTF_8)).toList();
    }

    @Test
    void aRepeatOfAStoredSendFromAnotherSessionGetsTheFirstIdAndNothingIsStoredOrDeliveredAgain() throws Exception {
        sayOnce(alice, 1, ONCE, "only once");
        commits.commitNext();
        long first = ((ChatEvent.Accepted) answer(aliceLink, 1)).messageId();

        sayOnce(aliceAgain, 7, ONCE, "only once");

        assertThat(answer(aliceAgainLink, 7)).isEqualTo(new ChatEvent.Accepted(7, first));
        assertThat(commits.waiting()).isZero();
        assertThat(texts(bobLink)).containsExactly("only once");
        assertThat(aliceAgainLink.inFlight()).isZero();
    }

    @Test
    void aRepeatWhileTheFirstWaitsForItsCommitIsAnsweredWithTheFirstsIdOnceItIsDurable() throws Exception {
        sayOnce(alice, 1, ONCE, "in flight");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);

        sayOnce(aliceAgain, 2, ONCE, "in flight");

        assertThat(aliceAgainLink.answered(2)).isFalse();
        assertThat(aliceAgainLink.inFlight()).as("the repeat counts as in flight until answered").isEqualTo(1);
        assertThat(commits.waiting()).isEqualTo(1);
        commits.commitNext();
        long first = ((ChatEvent.Accepted) answer(aliceLink, 1)).messageId();
        assertThat(answer(aliceAgainLink, 2)).isEqualTo(new ChatEvent.Accepted(2, first));
        await().atMost(WAIT).until(() -> aliceAgainLink.inFlight() == 0);
        assertThat(texts(bobLink)).containsExactly("in flight");
    }

    @Test
    void aFirstWhoseCommitFailedFailsItsWaitingRepeatsAndIsForgottenSoTheNextRepeatIsStored() throws Exception {
        sayOnce(alice, 1, ONCE, "try again");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        sayOnce(aliceAgain, 2, ONCE, "try again");

        commits.failNext(new StoreException.Overloaded("the write queue is full"));

        assertThat(((ChatEvent.Rejected) answer(aliceLink, 1)).code()).isEqualTo(ErrorCode.SERVER_BUSY);
        assertThat(answer(aliceAgainLink, 2)).isEqualTo(new ChatEvent.Rejected(2, ErrorCode.SERVER_BUSY,
                "the server is busy; try again"));
        sayOnce(aliceAgain, 3, ONCE, "try again");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.commitNext();
        assertThat(answer(aliceAgainLink, 3)).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(texts(bobLink)).containsExactly("try again");
    }

    @Test
    void aFirstCommittedButNotMadeDurableIsNeverStoredAgainAndItsRepeatsGetItsRefusal() throws Exception {
        sayOnce(alice, 1, ONCE, "committed, sync failed");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.showNext();
        await().atMost(WAIT).until(() -> texts(bobLink).size() == 1);
        sayOnce(aliceAgain, 2, ONCE, "committed, sync failed");

        commits.failShown(new StoreException("sync the write-ahead log"));

        assertThat(answer(aliceLink, 1)).isEqualTo(new ChatEvent.Rejected(1, ErrorCode.INTERNAL,
                "internal server error"));
        assertThat(answer(aliceAgainLink, 2)).isEqualTo(new ChatEvent.Rejected(2, ErrorCode.INTERNAL,
                "internal server error"));
        sayOnce(alice, 3, ONCE, "committed, sync failed");
        await().atMost(WAIT).until(() -> aliceLink.answered(3) || commits.waiting() > 0);
        assertThat(commits.waiting()).as("the repeat is not queued for a commit").isZero();
        assertThat(answer(aliceLink, 3)).isEqualTo(new ChatEvent.Rejected(3, ErrorCode.INTERNAL,
                "internal server error"));
        assertThat(texts(bobLink)).containsExactly("committed, sync failed");
    }

    @Test
    void aRepeatOfAStoredSendIsAcceptedEvenAfterTheSenderLeftTheRoom() throws Exception {
        sayOnce(alice, 1, ONCE, "said before leaving");
        commits.commitNext();
        long first = ((ChatEvent.Accepted) answer(aliceLink, 1)).messageId();
        chat.handle(alice, new ChatRequest.LeaveRoom(2, "lobby"));
        answer(aliceLink, 2);

        sayOnce(aliceAgain, 3, ONCE, "said before leaving");

        assertThat(answer(aliceAgainLink, 3)).isEqualTo(new ChatEvent.Accepted(3, first));
    }

    @Test
    void aSendIdUsedAgainForAnotherMessageIsRefusedAndStoresNothing() throws Exception {
        sayOnce(alice, 1, ONCE, "the first");
        commits.commitNext();
        answer(aliceLink, 1);

        sayOnce(alice, 2, ONCE, "another message");
        chat.handle(alice, new ChatRequest.SendRoomMessage(3, "LOBBY", ContentType.TEXT, Bytes.utf8("the first"),
                Optional.of(ONCE)));

        assertThat(answer(aliceLink, 2)).isEqualTo(new ChatEvent.Rejected(2, ErrorCode.MALFORMED_REQUEST,
                "this send id was used for another message"));
        assertThat(answer(aliceLink, 3)).as("the room as sent is part of the message")
                .isInstanceOf(ChatEvent.Rejected.class);
        assertThat(commits.waiting()).isZero();
        assertThat(texts(bobLink)).containsExactly("the first");
    }

    @Test
    void aRefusedFirstIsForgottenAndItsRepeatIsCheckedAgain() throws Exception {
        chat.handle(alice, new ChatRequest.LeaveRoom(1, "lobby"));
        answer(aliceLink, 1);
        sayOnce(alice, 2, ONCE, "not a member yet");
        assertThat(((ChatEvent.Rejected) answer(aliceLink, 2)).code()).isEqualTo(ErrorCode.NOT_A_MEMBER);
        chat.handle(alice, new ChatRequest.JoinRoom(3, "lobby"));
        answer(aliceLink, 3);

        sayOnce(alice, 4, ONCE, "not a member yet");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.commitNext();

        assertThat(answer(aliceLink, 4)).isInstanceOf(ChatEvent.Accepted.class);
        assertThat(texts(bobLink)).containsExactly("not a member yet");
    }

    @Test
    void sendIdsAreTheAccountsOwnSoAnotherUsersSameIdIsAnotherMessage() throws Exception {
        sayOnce(alice, 1, ONCE, "same words");
        commits.commitNext();
        long alices = ((ChatEvent.Accepted) answer(aliceLink, 1)).messageId();

        sayOnce(bob, 1, ONCE, "same words");
        await().atMost(WAIT).until(() -> commits.waiting() == 1);
        commits.commitNext();

        assertThat(((ChatEvent.Accepted) answer(bobLink, 1)).messageId()).isGreaterThan(alices);
    }

    @Test
    void aSendWithoutASendIdIsStoredEachTimeAsBefore() throws Exception {
        for (long id = 1; id <= 2; id++) {
            chat.handle(alice, new ChatRequest.SendRoomMessage(id, "lobby", ContentType.TEXT, Bytes.utf8("twice")));
            long request = id;
            await().atMost(WAIT).until(() -> commits.waiting() == 1);
            commits.commitNext();
            answer(aliceLink, request);
        }

        assertThat(texts(bobLink)).containsExactly("twice", "twice");
    }
}
