package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomInfo;
import org.parley.protocol.chat.RoomVisibility;

/** Which rooms a session rejoins after a reconnect, and what a refused rejoin does. */
class RoomTrackerTest {
    private static final Backoff QUICK = new Backoff(Duration.ofMillis(1), Duration.ofMillis(10));

    private final RoomTracker tracker = new RoomTracker();
    private final List<String> dropped = new ArrayList<>();

    @Test
    void leavingARoomUnderAnotherSpellingTheServerTakesForTheSameRoomStopsRejoiningIt() {
        tracker.add("Café");
        tracker.add("Lobby");

        tracker.remove("CAFE\u0301"); // decomposed é, as macOS input methods type it
        tracker.remove("Ｌｏｂｂｙ"); // full-width: the server's canonical form is NFKC, lower case

        assertThat(tracker.snapshot()).isEmpty();
    }

    @Test
    void leavingARoomDoesNotStopRejoiningADifferentRoomThatOnlyJavasIgnoreCaseConfuses() {
        tracker.add("ix");

        tracker.remove("ıx"); // dotless i: another room for the server (canonical "ıx", not "ix")

        assertThat(tracker.snapshot()).containsExactly("ix");
    }

    @Test
    void twoSpellingsOfOneRoomAreTrackedOnceUnderTheFirst() {
        tracker.add("Lobby");
        tracker.add("LOBBY");

        assertThat(tracker.snapshot()).containsExactly("Lobby");
    }

    @Test
    void aRejoinRefusedForNowIsTriedAgainAndTheRoomIsKept() throws Exception {
        tracker.add("Lobby");
        Map<String, Integer> tries = new ConcurrentHashMap<>();
        Function<String, CompletableFuture<ChatEvent.JoinedRoom>> busyTwice = room ->
                tries.merge(room, 1, Integer::sum) <= 2
                        ? CompletableFuture.failedFuture(new RequestFailedException(ErrorCode.SERVER_BUSY, "busy"))
                        : CompletableFuture.completedFuture(joined(room));

        List<ChatEvent.JoinedRoom> rejoined = tracker.rejoin(busyTwice, QUICK, (room, why) -> dropped.add(room))
                .get(10, TimeUnit.SECONDS);

        assertThat(rejoined).extracting(j -> j.room().name()).containsExactly("Lobby");
        assertThat(tries).containsEntry("Lobby", 3);
        assertThat(tracker.snapshot()).containsExactly("Lobby");
        assertThat(dropped).isEmpty();
    }

    @Test
    void aRejoinRateLimitedOnEveryTryFailsTheAttemptButKeepsTheRoom() {
        tracker.add("Lobby");
        Function<String, CompletableFuture<ChatEvent.JoinedRoom>> limited = room ->
                CompletableFuture.failedFuture(new RequestFailedException(ErrorCode.RATE_LIMITED, "slow down"));

        assertThatThrownBy(() -> tracker.rejoin(limited, QUICK, (room, why) -> dropped.add(room)).get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(RequestFailedException.class);
        assertThat(tracker.snapshot()).containsExactly("Lobby");
        assertThat(dropped).isEmpty();
    }

    @Test
    void aRoomRefusedForGoodIsDroppedAndTheDropIsReported() throws Exception {
        tracker.add("Gone");
        tracker.add("Lobby");
        Function<String, CompletableFuture<ChatEvent.JoinedRoom>> bannedFromGone = room -> room.equals("Gone")
                ? CompletableFuture.failedFuture(new RequestFailedException(ErrorCode.BANNED, "banned"))
                : CompletableFuture.completedFuture(joined(room));

        List<ChatEvent.JoinedRoom> rejoined = tracker.rejoin(bannedFromGone, QUICK, (room, why) -> dropped.add(room + " " + why.code()))
                .get(10, TimeUnit.SECONDS);

        assertThat(rejoined).extracting(j -> j.room().name()).containsExactly("Lobby");
        assertThat(tracker.snapshot()).containsExactly("Lobby");
        assertThat(dropped).containsExactly("Gone BANNED");
    }

    private static ChatEvent.JoinedRoom joined(String room) {
        return new ChatEvent.JoinedRoom(1, new RoomInfo(room, "", RoomVisibility.PUBLIC, false, 1, 1), List.of());
    }
}
