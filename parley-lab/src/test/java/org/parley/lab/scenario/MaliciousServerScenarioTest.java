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
    void aDeviceTheServerJoinedUnderAVerifiedUsersInvitationGetsNoKeyAndTheRealUserIsTold() {
        ScenarioResult result = run("e2e-invited-join", Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(keys(result)).as(narration(result)).contains("attacker.e2e.joined-as", "client.e2e.safety-changed",
                "attacker.e2e.ghost-held", "client.e2e.not-admitted-here").doesNotContain("attacker.e2e.ghost-read");
        assertThat(steps(result, "client.e2e.room-key-kept")).as(narration(result)).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).isEqualTo("@room-key.key_withheld_unaccepted"));
        String ghost = steps(result, "attacker.e2e.logged-in-as").getFirst().args().get(1);
        assertThat(steps(result, "client.e2e.not-admitted-here")).as(narration(result)).singleElement()
                .satisfies(s -> assertThat(s.args().get(3)).isEqualTo(ghost));
        assertThat(steps(result, "client.e2e.member-reads")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo("@answer.true"));
        assertThat(result.outcome().orElseThrow().check().orElseThrow().observed()).isEqualTo("e2e-key-withheld");
    }

    @Test
    void aClientThatAcceptsEveryChangeGivesTheRoomKeyToTheDeviceTheServerJoinedAndItDecryptsTheSecret() {
        ScenarioResult result = run("e2e-invited-join", Variant.INSECURE_TOFU_CLIENT);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(keys(result)).as(narration(result)).contains("client.e2e.room-auto-accept")
                .doesNotContain("client.e2e.room-key-kept");
        assertThat(steps(result, "attacker.e2e.ghost-read")).singleElement()
                .satisfies(s -> assertThat(s.args().get(1)).isEqualTo(E2eCast.SECRET));
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
