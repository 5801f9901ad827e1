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

/**
 * dropped-answer-restart end to end, against a server the scenario crashes after it stored the order
 * and starts again: what each side showed, not only the verdict (ScenarioVerdictTest checks the
 * verdicts of every scenario).
 */
class DroppedAnswerRestartScenarioTest {
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

    private static ScenarioResult run(Variant variant) {
        ScenarioResult result = LAB.run(LAB.find("dropped-answer-restart").orElseThrow(), variant, target);
        assertThat(result.problem()).as(narration(result)).isEmpty();
        return result;
    }

    private static String narration(ScenarioResult result) {
        return String.join("\n", LabText.forLocale(Locale.ENGLISH).narrate(result));
    }

    private static Step step(ScenarioResult result, String key) {
        List<Step> found = result.steps().stream().filter(s -> s.key().equals(key)).toList();
        assertThat(found).as(narration(result)).hasSize(1);
        return found.getFirst();
    }

    /** The keys of the steps in the order they were taken. */
    private static List<String> keys(ScenarioResult result) {
        return result.steps().stream().map(Step::key).toList();
    }

    @Test
    void theRestartedServerAnswersTheRepeatWithTheFirstIdAndBobIsShownTheOrderOnce() {
        ScenarioResult result = run(Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(result.outcome().orElseThrow().check()).contains(DroppedAnswerRestart.CHECK);
        assertThat(step(result, "attacker.drop.held").args().get(2)).isEqualTo("@answer.true");
        assertThat(keys(result)).containsSubsequence("attacker.drop.held", "lab.restart.crashed", "lab.restart.started",
                "client.restart.rejoined", "client.restart.confirmed");
        assertThat(step(result, "lab.restart.started").args().getFirst())
                .isEqualTo(step(result, "lab.restart.server").args().getFirst());
        String id = step(result, "client.restart.confirmed").args().get(1);
        assertThat(step(result, "client.drop.seen").args().subList(1, 5))
                .containsExactly("1", "[" + id + "]", "1", "@answer.true");
    }

    @Test
    void theForgetfulServerStoresTheRepeatAsASecondCopyAfterItsRestart() {
        ScenarioResult result = run(Variant.INSECURE_FORGETFUL_SERVER);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(step(result, "attacker.drop.held").args().get(2)).isEqualTo("@answer.true");
        assertThat(keys(result)).containsSubsequence("lab.restart.crashed", "lab.restart.started",
                "client.restart.rejoined", "client.restart.confirmed");
        // Bob is back in the room before alice's repeat reaches the server: he is shown the second copy too.
        List<String> seen = step(result, "client.drop.seen").args();
        assertThat(seen.get(1)).as(narration(result)).isEqualTo("2");
        assertThat(seen.get(3)).as(narration(result)).isEqualTo("2");
        assertThat(seen.get(2)).as(narration(result)).endsWith(", " + step(result, "client.restart.confirmed").args().get(1) + "]");
    }
}
