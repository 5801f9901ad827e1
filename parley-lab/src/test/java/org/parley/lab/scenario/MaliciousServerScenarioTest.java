package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.LabText;
import org.parley.lab.ScenarioResult;
import org.parley.lab.Step;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.e2e.E2eCast;

/**
 * The end-to-end scenarios, whose attacker is the lab server's own operator: what each side showed,
 * not only the verdict (ScenarioVerdictTest checks the verdicts of every scenario).
 */
class MaliciousServerScenarioTest {
    @TempDir
    static Path work;

    private static LabTarget target;
    private static final Lab LAB = Lab.standard();

    @BeforeAll
    static void startTheLabServer() throws Exception {
        target = LabTarget.startLocal(work);
    }

    @AfterAll
    static void stopTheLabServer() {
        if (target != null) {
            target.close();
        }
    }

    private static ScenarioResult run(String name, Variant variant) {
        ScenarioResult result = LAB.run(LAB.find(name).orElseThrow(), variant, target);
        assertThat(result.problem()).as(narration(result)).isEmpty();
        return result;
    }

    private static String narration(ScenarioResult result) {
        return String.join("\n", LabText.forLocale(Locale.ENGLISH).narrate(result));
    }

    private static List<String> keys(ScenarioResult result) {
        return result.steps().stream().map(Step::key).toList();
    }

    private static List<Step> steps(ScenarioResult result, String key) {
        return result.steps().stream().filter(s -> s.key().equals(key)).toList();
    }

    @Test
    void aForgedPrekeyIsRefusedAndASwappedIdentityBlocksSendingToAVerifiedContact() {
        ScenarioResult result = run("e2e-prekey-substitution", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(steps(result, "client.e2e.bundle-refused")).as(narration(result))
                .anySatisfy(s -> assertThat(s.args().get(2)).isEqualTo("bad_signature"));
        assertThat(steps(result, "client.e2e.notice")).as(narration(result))
                .anySatisfy(s -> assertThat(s.args()).contains("@notice.identity_changed", "@notice.blocks"));
        assertThat(steps(result, "attacker.e2e.diverted")).as(narration(result)).singleElement()
                .satisfies(s -> assertThat(s.args().getFirst()).isEqualTo("0"));
        assertThat(keys(result)).doesNotContain("attacker.e2e.read");
        assertThat(result.outcome().orElseThrow().check().orElseThrow().observed()).isEqualTo("e2e-refused-and-blocked");
    }

    @Test
    void aClientThatAcceptsEveryIdentityChangeLetsTheOperatorReadTheSecret() {
        ScenarioResult result = run("e2e-prekey-substitution", Variant.INSECURE_TOFU_CLIENT);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(keys(result)).contains("client.e2e.auto-accept");
        assertThat(steps(result, "attacker.e2e.read")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo(E2eCast.SECRET));
    }

    @Test
    void aGhostDeviceChangesTheSafetyNumberIsShownAndBlocksSendingToAVerifiedContact() {
        ScenarioResult result = run("e2e-ghost-device", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(keys(result)).as(narration(result)).contains("client.e2e.safety-changed").doesNotContain("attacker.e2e.read");
        assertThat(steps(result, "client.e2e.notice")).as(narration(result))
                .anySatisfy(s -> assertThat(s.args()).contains("@notice.added", "@notice.blocks"));
        assertThat(steps(result, "client.e2e.not-sent")).as(narration(result))
                .anySatisfy(s -> assertThat(s.args().get(2)).isEqualTo("UnacceptedChangesException"));
    }

    @Test
    void aGhostDeviceAcceptedWithoutAskingReceivesACopyTheOperatorReads() {
        ScenarioResult result = run("e2e-ghost-device", Variant.INSECURE_TOFU_CLIENT);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(steps(result, "attacker.e2e.read")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo(E2eCast.SECRET));
    }

    @Test
    void aReplayedEnvelopeIsNotShownTwiceAndTheSessionCarriesOn() {
        ScenarioResult result = run("e2e-envelope-replay", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(steps(result, "client.e2e.history")).singleElement()
                .satisfies(s -> assertThat(s.args().subList(1, 3)).containsExactly("1", "@answer.true"));
    }

    @Test
    void aGhostMemberInTheServedRoomLogIsRefusedByBothClientsAndGetsNoKey() {
        ScenarioResult result = run("e2e-ghost-member", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(steps(result, "client.e2e.room-problem")).as(narration(result)).hasSize(2)
                .allSatisfy(s -> assertThat(s.args().get(1)).contains("log_forbidden"));
        assertThat(steps(result, "client.e2e.room-members")).singleElement()
                .satisfies(s -> assertThat(s.args().get(2)).isEqualTo("0"));
    }

    @Test
    void aJoinTheServerSignsForAVerifiedUsersBoundInvitationIsRefusedAndTheRealUserJoinsOnceItIsNotServed() {
        ScenarioResult result = run("e2e-invited-join", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(result.outcome().orElseThrow().check().orElseThrow().observed()).isEqualTo("e2e-bound-invitation");
        assertThat(keys(result)).as(narration(result)).contains("client.e2e.invited", "client.e2e.join-refused",
                "attacker.e2e.forced-join", "client.e2e.safety-changed", "client.e2e.real-join-blocked",
                "attacker.e2e.stops-serving").doesNotContain("attacker.e2e.joined-as", "attacker.e2e.ghost-read",
                "client.e2e.invited-unbound", "client.e2e.real-join-refused");
        assertThat(steps(result, "client.e2e.invited")).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).isEqualTo("1"));
        // In a room a verified contact's change withholds the room keys too, not only private sending.
        assertThat(steps(result, "client.e2e.notice")).as(narration(result)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.args().get(3)).isEqualTo("@notice.blocks-room"));
        // The ghost's own client names the reason; its server refuses the operator's own signature too.
        assertThat(steps(result, "client.e2e.join-refused")).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).contains("names other devices of yours"));
        assertThat(steps(result, "attacker.e2e.signed-join")).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).isEqualTo("log_rejected"));
        assertThat(steps(result, "client.e2e.log-refused")).as(narration(result)).isNotEmpty()
                .allSatisfy(s -> assertThat(s.args().get(1)).isEqualTo("log_forbidden"))
                .anySatisfy(s -> assertThat(s.args().get(2)).contains("invitation"));
        assertThat(steps(result, "attacker.e2e.ghost-keys")).singleElement().satisfies(s -> {
            assertThat(s.args().get(2)).isEqualTo("0");
            assertThat(s.args().get(4)).isEqualTo("1");
        });
        assertThat(steps(result, "client.e2e.member-reads")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo("@answer.true"));
        assertThat(steps(result, "client.e2e.real-joined")).as(narration(result)).singleElement()
                .satisfies(s -> assertThat(s.args().get(4)).isEqualTo("@answer.true"));
    }

    @Test
    void anOlderClientsUnboundInvitationLetsTheServersDeviceJoinAndAcceptingEveryChangeGivesItTheSecret() {
        ScenarioResult result = run("e2e-invited-join", Variant.INSECURE_TOFU_CLIENT);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(keys(result)).as(narration(result)).contains("client.e2e.invited-unbound", "attacker.e2e.joined-as",
                "client.e2e.room-auto-accept", "client.e2e.not-admitted-here")
                .doesNotContain("client.e2e.invited", "client.e2e.join-refused", "attacker.e2e.forced-join",
                        "client.e2e.room-key-kept", "client.e2e.log-refused");
        assertThat(steps(result, "attacker.e2e.ghost-read")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo(E2eCast.SECRET));
        String ghost = steps(result, "attacker.e2e.logged-in-as").getFirst().args().get(1);
        assertThat(steps(result, "client.e2e.not-admitted-here")).as(narration(result)).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).isEqualTo(ghost));
    }

    @Test
    void aKickedMemberWithItsKeptStateOpensWhatCameBeforeTheKickAndNothingAfter() {
        ScenarioResult result = run("e2e-kicked-member", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(steps(result, "attacker.e2e.room-read")).as(narration(result))
                .extracting(s -> s.args().get(1)).containsExactly(KickedMember.BEFORE);
        assertThat(steps(result, "attacker.e2e.room-unreadable")).as(narration(result)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void againstAServerTheLabDidNotStartTheOperatorScenariosReportThatTheyCannotRun() throws Exception {
        try (LabTarget remote = LabTarget.remote(target.server(), work.resolve("remote"))) {
            ScenarioResult result = LAB.run(LAB.find("e2e-ghost-device").orElseThrow(), Variant.PARLEY, remote);

            assertThat(result.outcome()).isEmpty();
            assertThat(result.problem()).hasValueSatisfying(p -> assertThat(p).contains("--server"));
        }
    }
}
