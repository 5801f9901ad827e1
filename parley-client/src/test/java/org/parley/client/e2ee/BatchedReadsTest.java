package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.client.EndToEndException;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ErrorCode;

/**
 * Batched directory reads (docs/E2EE.md 20.7): users in batches of at most the protocol's maximum,
 * each batch halved while the server answers {@code message_too_large} (its message limit is below
 * the answer), entries kept in the users' order; an answer of the wrong length is refused, and so is
 * an entry, or a single read's answer, that names another account than the user asked for.
 */
class BatchedReadsTest {
    private final List<List<String>> asked = new ArrayList<>();

    /** An entry of a batch's answer: the user it is for, and what it says. */
    private record Entry(String user, String says) {
    }

    /** A server that answers at most {@code fits} users at once, one entry per user ("entry of NAME"). */
    private CompletableFuture<List<Entry>> answering(List<String> users, int fits) {
        asked.add(List.copyOf(users));
        if (users.size() > fits) {
            return CompletableFuture.failedFuture(new RequestFailedException(ErrorCode.MESSAGE_TOO_LARGE, "too large"));
        }
        return CompletableFuture.completedFuture(users.stream().map(BatchedReadsTest::entryOf).toList());
    }

    private static Entry entryOf(String user) {
        return new Entry(user, "entry of " + user);
    }

    private static List<Entry> read(List<String> users, int max,
            java.util.function.Function<List<String>, CompletableFuture<List<Entry>>> request) throws Exception {
        return BatchedReads.read(users, max, request, Entry::user);
    }

    private static List<String> users(int count) {
        return IntStream.range(0, count).mapToObj(i -> "u" + i).toList();
    }

    @Test
    void usersAreAskedForInBatchesOfTheMaximumAndAnsweredInOrder() throws Exception {
        List<Entry> entries = read(users(20), 9, batch -> answering(batch, 9));

        assertThat(entries).containsExactlyElementsOf(users(20).stream().map(BatchedReadsTest::entryOf).toList());
        assertThat(asked).extracting(List::size).containsExactly(9, 9, 2);
    }

    @Test
    void aBatchWhoseAnswerIsTooLargeForTheServerIsHalvedUntilItFits() throws Exception {
        List<Entry> entries = read(users(9), 9, batch -> answering(batch, 2));

        assertThat(entries).containsExactlyElementsOf(users(9).stream().map(BatchedReadsTest::entryOf).toList());
        assertThat(asked).extracting(List::size).containsExactly(9, 4, 2, 2, 5, 2, 3, 1, 2);
    }

    @Test
    void oneUserWhoseAnswerIsTooLargeIsARefusal() {
        assertThatThrownBy(() -> read(users(3), 9, batch -> answering(batch, 0)))
                .isInstanceOfSatisfying(RequestFailedException.class,
                        e -> assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LARGE));
    }

    @Test
    void anAnswerWithAnotherNumberOfEntriesIsRefused() {
        assertThatThrownBy(() -> read(users(3), 9,
                batch -> CompletableFuture.completedFuture(List.of(entryOf("u0")))))
                .isInstanceOf(EndToEndException.class);
    }

    @Test
    void anAnswerThatSwapsTwoUsersEntriesIsRefused() {
        assertThatThrownBy(() -> read(List.of("alice", "bob"), 9,
                batch -> CompletableFuture.completedFuture(List.of(entryOf("bob"), entryOf("alice")))))
                .isInstanceOf(EndToEndException.class)
                .hasMessageContaining("a read of alice with an entry for bob");
    }

    @Test
    void anEntryNamingTheSameAccountInAnotherCaseIsTheUsersOwn() throws Exception {
        List<Entry> entries = read(List.of("bob", "Ａｌｉｃｅ"), 9,
                batch -> CompletableFuture.completedFuture(List.of(entryOf("Bob"), entryOf("alice"))));

        assertThat(entries).extracting(Entry::user).containsExactly("Bob", "alice");
    }

    @Test
    void aSingleReadAnsweredForAnotherUserIsRefused() {
        assertThatThrownBy(() -> BatchedReads.one("alice", () -> CompletableFuture.completedFuture(entryOf("mallory")),
                Entry::user))
                .isInstanceOf(EndToEndException.class)
                .hasMessageContaining("a read of alice with an answer for mallory");
    }

    @Test
    void aSingleReadAnsweredForTheSameAccountInAnotherSpellingIsTheUsersOwn() throws Exception {
        Entry answer = BatchedReads.one("Ａｌｉｃｅ", () -> CompletableFuture.completedFuture(entryOf("alice")), Entry::user);

        assertThat(answer).isEqualTo(entryOf("alice"));
    }
}
