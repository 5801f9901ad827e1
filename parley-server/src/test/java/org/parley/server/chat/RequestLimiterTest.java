package org.parley.server.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.parley.server.chat.RequestLimiter.Verdict;

/** Per-account buckets: shared by an account's sessions, independent between accounts, bursts, memory. */
class RequestLimiterTest {
    private final AtomicLong now = new AtomicLong(5_000_000);
    private final Set<String> online = new HashSet<>(Set.of("alice", "bob"));
    private final RequestLimiter limiter = new RequestLimiter(new RequestRate(20, 5), new RequestRate(100, 10), 50,
            now::get, online::contains);

    private List<Verdict> send(String account, int count) {
        return IntStream.range(0, count).mapToObj(i -> limiter.check(account, RequestKind.SEND)).toList();
    }

    @Test
    void theBurstIsAcceptedAndTheNextRequestIsTheFirstRejectionOfABurst() {
        List<Verdict> verdicts = send("alice", 23);

        assertThat(verdicts.subList(0, 20)).containsOnly(Verdict.ACCEPTED);
        assertThat(verdicts.subList(20, 23)).containsExactly(Verdict.REJECTED_FIRST, Verdict.REJECTED, Verdict.REJECTED);
    }

    @Test
    void oneAccountOverItsLimitDoesNotSlowAnother() {
        send("alice", 40);

        assertThat(send("bob", 20)).containsOnly(Verdict.ACCEPTED);
    }

    @Test
    void sendingAndReadingHaveSeparateBuckets() {
        send("alice", 25);

        assertThat(IntStream.range(0, 100).mapToObj(i -> limiter.check("alice", RequestKind.READ)))
                .containsOnly(Verdict.ACCEPTED);
        assertThat(limiter.check("alice", RequestKind.READ)).isEqualTo(Verdict.REJECTED_FIRST);
    }

    @Test
    void afterTheRefillTheSenderCanSendAgainAtTheSustainedRate() {
        send("alice", 21);

        now.addAndGet(1000);

        assertThat(send("alice", 6)).containsExactly(Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.ACCEPTED,
                Verdict.ACCEPTED, Verdict.ACCEPTED, Verdict.REJECTED);
    }

    @Test
    void aNewBurstOfRejectionsIsReportedOnlyAfterTheBucketsWereFullAgain() {
        send("alice", 21);
        now.addAndGet(200);
        assertThat(send("alice", 2)).as("a token came back, but the burst goes on")
                .containsExactly(Verdict.ACCEPTED, Verdict.REJECTED);

        now.addAndGet(4000);
        send("alice", 20);

        assertThat(limiter.check("alice", RequestKind.SEND)).isEqualTo(Verdict.REJECTED_FIRST);
    }

    @Test
    void everyDisconnectAfterThRejectionInOneBurstSaysDisconnect() {
        List<Verdict> verdicts = send("alice", 20 + 100);

        assertThat(verdicts.subList(20, 120)).filteredOn(v -> v == Verdict.DISCONNECT).hasSize(2);
        assertThat(verdicts.get(20 + 49)).isEqualTo(Verdict.DISCONNECT);
        assertThat(verdicts.get(20 + 99)).isEqualTo(Verdict.DISCONNECT);
    }

    @Test
    void anOnlineAccountKeepsItsBuckets() {
        send("alice", 21);
        now.addAndGet(3_600_000);
        send("bob", 1);

        assertThat(limiter.trackedAccounts()).isEqualTo(2);
    }

    @Test
    void anAccountThatWentOfflineIsForgottenOnceItsBucketsWouldBeFull() {
        send("alice", 21);
        online.remove("alice");
        limiter.wentOffline("alice");

        now.addAndGet(9_999);
        send("bob", 1);
        assertThat(limiter.trackedAccounts()).as("read bucket (100 at 10/s) could still be short").isEqualTo(2);

        now.addAndGet(1);
        send("bob", 1);
        assertThat(limiter.trackedAccounts()).isEqualTo(1);
    }

    @Test
    void loggingOutAndInAgainDoesNotRefillTheBucket() {
        send("alice", 20);
        online.remove("alice");
        limiter.wentOffline("alice");
        online.add("alice");

        assertThat(limiter.check("alice", RequestKind.SEND)).isEqualTo(Verdict.REJECTED_FIRST);
        now.addAndGet(60_000);
        send("bob", 1);
        assertThat(limiter.trackedAccounts()).as("back online: kept").isEqualTo(2);
    }

    @Test
    void manyAccountsComingAndGoingLeaveNothingBehind() {
        for (int i = 0; i < 10_000; i++) {
            String account = "user" + i;
            online.add(account);
            send(account, 25);
            online.remove(account);
            limiter.wentOffline(account);
            now.addAndGet(7);
        }
        assertThat(limiter.trackedAccounts()).isLessThanOrEqualTo(10_000 / 7 + 3);

        now.addAndGet(10_000);
        limiter.check("bob", RequestKind.SEND);
        assertThat(limiter.trackedAccounts()).isEqualTo(1);
    }

    @Test
    void aRequestProcessedAfterTheLastSessionEndedDoesNotLeaveItsAccountBehind() {
        online.remove("alice");

        limiter.check("alice", RequestKind.SEND);
        now.addAndGet(10_000);
        limiter.check("bob", RequestKind.SEND);

        assertThat(limiter.trackedAccounts()).isEqualTo(1);
    }
}
