package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.EndToEndException;
import org.parley.client.RequestFailedException;
import org.parley.client.e2ee.room.RoomNoticeKind;
import org.parley.e2ee.group.DeviceRef;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.ParleyServer;
import org.parley.server.chat.RequestRate;

/**
 * A room's first encrypted message reads the directory in batches (docs/E2EE.md 20.3,
 * PROTOCOL.md 14.8): one ListDevicesMany for the members whose listing it lacks, one
 * FetchBundlesMany per nine users with a device it has no session with, each user's bundles
 * fetched once for all of that user's devices. With a small read burst, a member's first message
 * to a dozen others then needs no read the server refuses. A private send lists the peer and this
 * account in one ListDevicesMany (E2EE.md 20.3).
 */
class E2eeBatchedReadsEndToEndTest {
    private static final String ROOM = "class";
    private static final int MEMBERS = 12;
    /** PacedReads.MAX_WAIT, plus the sending. */
    private static final int PACED_READS_AT_MOST = 90;
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path data;
    @TempDir
    Path devices;

    /**
     * A burst of 10 reads, then 2 a second: one read per member (12 device lists and 12 bundle
     * fetches, in about a second) would be refused from the 11th or so on; the batches need 1 + 1
     * and 2 tokens.
     * The sender is the first student to join, idle (its bucket full again) while the others join.
     */
    @Test
    void aMembersFirstMessageToTwelveOthersIsSentWithoutAnyReadRefusedRateLimited() throws Exception {
        try (ParleyServer server = TestServer.startWithReadRate(data, new RequestRate(10, 2))) {
            List<String> users = new ArrayList<>();
            users.add("teacher");
            for (int i = 1; i <= MEMBERS; i++) {
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
                    // The teacher's own reads for 12 invitations outrun the small burst: asked again until let through.
                    await().atMost(java.time.Duration.ofSeconds(PACED_READS_AT_MOST)).pollInterval(java.time.Duration.ofMillis(500))
                            .until(() -> invited(teacher, student.session.displayName()));
                    student.await(student.session.join(ROOM));
                }
                E2eDeviceUnderTest first = students.getFirst();
                long refusedBefore = first.session.client().rateLimitedAnswers();

                // Long enough for the paced reads of a client that does not batch to finish (then refused is > 0).
                first.session.sendRoom(ROOM, "hello, everyone").get(PACED_READS_AT_MOST, TimeUnit.SECONDS);

                assertThat(first.session.client().rateLimitedAnswers() - refusedBefore)
                        .as("reads of the first message answered rate_limited").isZero();
                List<E2eDeviceUnderTest> others = all.stream().filter(d -> d != first).toList();
                await().atMost(TestServer.timeout()).until(() -> others.stream()
                        .allMatch(other -> other.roomTexts().contains("hello, everyone")));
                assertThat(first.roomProblems()).isEmpty();
                assertThat(first.roomNotices()).doesNotContain(RoomNoticeKind.KEY_NOT_DELIVERED);
            } finally {
                all.forEach(E2eDeviceUnderTest::close);
            }
        }
    }

    /** True if the invitation was made, false if the server refused one of its requests rate_limited. */
    private static boolean invited(E2eDeviceUnderTest inviter, String user) throws Exception {
        try {
            inviter.await(inviter.session.invite(ROOM, user));
            return true;
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof org.parley.client.RequestFailedException refused
                    && refused.code() == org.parley.protocol.chat.ErrorCode.RATE_LIMITED) {
                return false;
            }
            throw e;
        }
    }

    /** bob has two devices alice has no session with: her first message fetches his bundles once, for both. */
    @Test
    void aUserWithTwoNewDevicesCostsOneBundleFetch() throws Exception {
        try (ParleyServer server = TestServer.startWithReadRateAndMetrics(data, new RequestRate(100, 10))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                alice.await(alice.session.createEncryptedRoom(ROOM, RoomVisibility.PRIVATE));
                alice.await(alice.session.invite(ROOM, "bob"));
                bob.await(bob.session.join(ROOM));
                try (E2eDeviceUnderTest bobToo = device(server, "bob", "b2")) {
                    DeviceRef second = new DeviceRef("bob", bobToo.session.deviceId());
                    await().atMost(TestServer.timeout()).until(() -> bob.await(bob.session.pendingOwnDevices())
                            .contains(second.deviceId()));
                    bob.await(bob.session.acceptChanges("bob"));
                    await().atMost(TestServer.timeout())
                            .until(() -> alice.await(alice.session.roomMembership(ROOM)).admits(second));
                    bobToo.await(bobToo.session.join(ROOM));
                    double singleBefore = requests(server, "FetchBundles");
                    double batchBefore = requests(server, "FetchBundlesMany");

                    alice.await(alice.session.sendRoom(ROOM, "hello to both of bob's devices"));
                    await().atMost(TestServer.timeout()).until(() -> bob.roomTexts().contains("hello to both of bob's devices")
                            && bobToo.roomTexts().contains("hello to both of bob's devices"));
                    await().atMost(TestServer.timeout()).until(() -> requests(server, "FetchBundles") - singleBefore
                            + requests(server, "FetchBundlesMany") - batchBefore >= 1);

                    assertThat(requests(server, "FetchBundlesMany") - batchBefore).isEqualTo(1);
                    assertThat(requests(server, "FetchBundles") - singleBefore).isZero();
                    assertThat(alice.roomProblems()).isEmpty();
                }
            }
        }
    }

    /**
     * A private send lists the peer and this account in one ListDevicesMany (one read token for both,
     * not two single ListDevices), and the message still reaches the peer's and the account's other
     * device. Everyone but the sender is offline while it sends, and the sender is bound again
     * rather than added, so no device change makes it list anything else meanwhile.
     */
    @Test
    void aPrivateSendListsThePeerAndThisAccountInOneListDevicesMany() throws Exception {
        int sends = 3;
        try (ParleyServer server = TestServer.startWithReadRateAndMetrics(data, new RequestRate(100, 10))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            device(server, "alice", "a2").close();
            device(server, "bob", "b1").close();
            device(server, "alice", "a1").close();
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                double singleBefore = requests(server, "ListDevices");
                double batchBefore = requests(server, "ListDevicesMany");

                for (int i = 1; i <= sends; i++) {
                    alice.send("bob", "private " + i);
                }
                await().atMost(TestServer.timeout()).until(() -> requests(server, "ListDevices") - singleBefore
                        + requests(server, "ListDevicesMany") - batchBefore >= sends);

                assertThat(requests(server, "ListDevicesMany") - batchBefore).isEqualTo(sends);
                assertThat(requests(server, "ListDevices") - singleBefore).isZero();
            }
            try (E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest aliceToo = device(server, "alice", "a2")) {
                List<String> texts = List.of("private 1", "private 2", "private 3");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().equals(texts) && aliceToo.texts().equals(texts));
                assertThat(aliceToo.messages()).allSatisfy(copy -> {
                    assertThat(copy.outgoing()).isTrue();
                    assertThat(copy.peer()).isEqualTo("bob");
                });
            }
        }
    }

    /** A peer the batch does not find is listed singly, which fails no_such_user as a send always did. */
    @Test
    void aPrivateSendToANameOfNoAccountFailsNoSuchUser() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                assertThatThrownBy(() -> alice.send("nobody", "hello?"))
                        .isInstanceOf(java.util.concurrent.ExecutionException.class).cause()
                        .isInstanceOfSatisfying(RequestFailedException.class,
                                refused -> assertThat(refused.code()).isEqualTo(ErrorCode.NO_SUCH_USER));
                assertThat(alice.history("nobody")).isEmpty();
            }
        }
    }

    /**
     * The own account under another spelling (full-width, PROTOCOL.md 13.3) is not another user: the
     * send is refused as one to oneself, before anything is listed or sent.
     */
    @Test
    void aPrivateSendToThisAccountSpelledFullWidthIsRefusedAsNotAnotherUser() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                assertThatThrownBy(() -> alice.send("\uFF41\uFF4C\uFF49\uFF43\uFF45", "to myself"))
                        .isInstanceOf(java.util.concurrent.ExecutionException.class).cause()
                        .isInstanceOf(EndToEndException.class).hasMessageContaining("needs another user");
            }
        }
    }

    /**
     * A safety number, and marking it verified, each list the peer and this account in one
     * ListDevicesMany (one read token, not two single ListDevices; E2EE.md 20.5), and the number is
     * the one the peer computes: each list is taken for its own account.
     */
    @Test
    void aSafetyNumberAndItsVerificationEachListBothAccountsInOneListDevicesMany() throws Exception {
        try (ParleyServer server = TestServer.startWithReadRateAndMetrics(data, new RequestRate(100, 10))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            device(server, "alice", "a2").close();
            try (E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                double singleBefore = requests(server, "ListDevices");
                double batchBefore = requests(server, "ListDevicesMany");

                org.parley.e2ee.safety.SafetyNumber number = alice.await(alice.session.safetyNumber("bob"));
                alice.await(alice.session.markVerified("bob", number));
                await().atMost(TestServer.timeout()).until(() -> requests(server, "ListDevices") - singleBefore
                        + requests(server, "ListDevicesMany") - batchBefore >= 2);

                assertThat(requests(server, "ListDevicesMany") - batchBefore).isEqualTo(2);
                assertThat(requests(server, "ListDevices") - singleBefore).isZero();
                assertThat(bob.await(bob.session.safetyNumber("alice")).digits()).isEqualTo(number.digits());
                assertThat(alice.await(alice.session.contactDevices("bob"))).singleElement()
                        .satisfies(device -> assertThat(device.verified()).isTrue());
            }
        }
    }

    /**
     * A safety number asked for with this account's own name, in any spelling, is still given: one
     * batch may not name an account twice (PROTOCOL.md 14.8), so those are two single listings.
     */
    @Test
    void aSafetyNumberWithThisAccountsOwnNameIsStillGiven() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice");
            device(server, "alice", "a2").close();
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                assertThat(alice.await(alice.session.safetyNumber("alice")).digits()).isNotEmpty();
                assertThat(alice.await(alice.session.safetyNumber("\uFF41\uFF4C\uFF49\uFF43\uFF45")).digits()).isNotEmpty();
            }
        }
    }

    /**
     * A safety number with a user who has no end-to-end device, or with this account's own name
     * from its only device, has nothing to compare: an end-to-end refusal that says so, not an
     * internal error from the safety number's own bounds.
     */
    @Test
    void aSafetyNumberWithNoDeviceToCompareIsRefusedSayingSo() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                assertThatThrownBy(() -> alice.await(alice.session.safetyNumber("bob")))
                        .cause().isInstanceOf(EndToEndException.class)
                        .hasMessage("bob has no end-to-end device to compare a safety number with yet");
                assertThatThrownBy(() -> alice.await(alice.session.safetyNumber("alice")))
                        .cause().isInstanceOf(EndToEndException.class)
                        .hasMessage("this account has no other device to compare a safety number with");
            }
        }
    }

    /**
     * A private send's first message fetches the peer's and this account's bundles (for the devices
     * it has no session with) in one FetchBundlesMany, not two single FetchBundles, and the sessions
     * started from it carry that message and the next (which fetches nothing).
     */
    @Test
    void aPrivateSendsFirstMessageFetchesThePeersAndThisAccountsBundlesInOneFetchBundlesMany() throws Exception {
        try (ParleyServer server = TestServer.startWithReadRateAndMetrics(data, new RequestRate(100, 10))) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            device(server, "alice", "a2").close();
            device(server, "bob", "b1").close();
            device(server, "alice", "a1").close();
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1")) {
                double singleBefore = requests(server, "FetchBundles");
                double batchBefore = requests(server, "FetchBundlesMany");

                alice.send("bob", "first");
                alice.send("bob", "second");
                await().atMost(TestServer.timeout()).until(() -> requests(server, "FetchBundles") - singleBefore
                        + requests(server, "FetchBundlesMany") - batchBefore >= 1);

                assertThat(requests(server, "FetchBundlesMany") - batchBefore).isEqualTo(1);
                assertThat(requests(server, "FetchBundles") - singleBefore).isZero();
            }
            try (E2eDeviceUnderTest bob = device(server, "bob", "b1");
                    E2eDeviceUnderTest aliceToo = device(server, "alice", "a2")) {
                List<String> texts = List.of("first", "second");
                await().atMost(TestServer.timeout()).until(() -> bob.texts().equals(texts) && aliceToo.texts().equals(texts));
            }
        }
    }

    /**
     * A server whose message limit an operator set below a two-user DeviceLists (PROTOCOL.md 14.7):
     * the server refuses the safety number's ListDevicesMany of bob and alice message_too_large
     * (its link, as for any answer that does not fit), the client halves it and asks for each user
     * alone, and the number is the one the devices gave on a server with the default limit.
     * alice's 10 devices and bob's 3 have names of 64 bytes, so alice's list alone is about 2,200
     * bytes and both about 2,900.
     */
    @Test
    void aDeviceListBatchTooLargeForTheServerIsHalvedAndTheSafetyNumberIsStillGiven() throws Exception {
        org.parley.e2ee.safety.SafetyNumber before;
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            for (int i = 1; i <= 3; i++) {
                device(server, "bob", longName("b", i)).close();
            }
            for (int i = 2; i <= 10; i++) {
                device(server, "alice", longName("a", i)).close();
            }
            try (E2eDeviceUnderTest alice = device(server, "alice", longName("a", 1))) {
                before = alice.await(alice.session.safetyNumber("bob"));
            }
        }
        try (ParleyServer server = TestServer.startWithMaxMessageBytesAndMetrics(data, 2_600);
                E2eDeviceUnderTest alice = device(server, "alice", longName("a", 1))) {
            double singleBefore = requests(server, "ListDevices");
            double batchBefore = requests(server, "ListDevicesMany");

            org.parley.e2ee.safety.SafetyNumber now = alice.await(alice.session.safetyNumber("bob"));
            await().atMost(TestServer.timeout()).until(() -> requests(server, "ListDevicesMany") - batchBefore >= 3);

            assertThat(now.digits()).isEqualTo(before.digits());
            assertThat(requests(server, "ListDevicesMany") - batchBefore).as("the pair refused, then each alone").isEqualTo(3);
            assertThat(requests(server, "ListDevices") - singleBefore).isZero();
        }
    }

    /** A device directory (and so device) name of 64 bytes, the most a device name may have. */
    private static String longName(String prefix, int i) {
        String start = prefix + i;
        return start + "x".repeat(64 - start.length());
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }

    /** The server's count of answered requests of {@code type}, from its Prometheus endpoint. */
    private double requests(ParleyServer server, String type) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + server.metricsAddress().orElseThrow().getPort() + "/metrics");
        String body = http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher line = Pattern.compile("^parley_requests_seconds_count\\{type=\"" + Pattern.quote(type) + "\",?\\} (\\S+)$",
                Pattern.MULTILINE).matcher(body);
        return line.find() ? Double.parseDouble(line.group(1)) : 0;
    }
}
