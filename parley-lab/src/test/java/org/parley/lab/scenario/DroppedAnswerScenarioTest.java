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
 * dropped-answer end to end, against a real lab server: what each side showed, not only the verdict
 * (ScenarioVerdictTest checks the verdicts of every scenario).
 */
class DroppedAnswerScenarioTest {
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
        ScenarioResult result = LAB.run(LAB.find("dropped-answer").orElseThrow(), variant, target);
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

    @Test
    void theRealSessionSendsTheOrderAgainAfterTheCutAndBobIsShownItOnceUnderTheIdAliceLearns() {
        ScenarioResult result = run(Variant.PARLEY);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.DEFEATED);
        assertThat(step(result, "attacker.drop.held").args().get(2)).isEqualTo("@answer.true");
        assertThat(step(result, "client.drop.reconnected").args().subList(1, 3)).containsExactly("1", "1");
        String id = step(result, "client.drop.confirmed").args().get(1);
        assertThat(step(result, "client.drop.seen").args().subList(1, 5))
                .containsExactly("1", "[" + id + "]", "1", "@answer.true");
    }

    @Test
    void theNaiveClientPostsTheOrderAgainAndBobIsShownItTwice() {
        ScenarioResult result = run(Variant.INSECURE_RETRY_CLIENT);

        assertThat(result.outcome().orElseThrow().verdict()).as(narration(result)).isEqualTo(Verdict.SUCCEEDED);
        assertThat(step(result, "attacker.drop.held").args().get(2)).isEqualTo("@answer.true");
        assertThat(step(result, "insecure.retry.posted").args().get(1)).isEqualTo("2");
        assertThat(step(result, "client.drop.seen").args().get(1)).isEqualTo("2");
        assertThat(step(result, "client.drop.seen").args().get(3)).isEqualTo("2");
    }
}
