package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every scenario of the lab against one real server started once for the class: against Parley the
 * verdict must be the documented one (defeated, except blind trust on first contact), and against
 * each broken variant the attack must succeed. A verdict that changes fails the build.
 */
class ScenarioVerdictTest {
    @TempDir
    static Path work;

    private static LabTarget target;
    private static final Lab LAB = Lab.standard();
    private static final LabText TEXT = LabText.forLocale(Locale.ENGLISH);

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

    static Stream<Arguments> everyScenarioAndVariant() {
        return LAB.scenarios().stream().flatMap(s -> s.variants().stream().sorted().map(v -> Arguments.of(s.name(), v)));
    }

    @ParameterizedTest(name = "{0} against {1} ends as the lab documents")
    @MethodSource("everyScenarioAndVariant")
    void scenarioEndsWithItsDocumentedVerdict(String name, Variant variant) {
        Scenario scenario = LAB.find(name).orElseThrow();
        ScenarioResult result = LAB.run(scenario, variant, target);
        String narration = String.join("\n", TEXT.narrate(result));
        assertThat(result.problem()).as(narration).isEmpty();
        assertThat(result.outcome().orElseThrow().verdict()).as(narration).isEqualTo(scenario.expected(variant));
        LabText chinese = LabText.forLocale(Locale.SIMPLIFIED_CHINESE);
        assertThat(result.steps()).as(narration).isNotEmpty()
                .allSatisfy(step -> assertThat(TEXT.has(step.key()) && chinese.has(step.key())).as(step.key()).isTrue())
                .allSatisfy(step -> assertThat(TEXT.line(step) + chinese.line(step)).as(step.key()).doesNotContain("{"));
        if (variant == Variant.PARLEY && scenario.expected(variant) == Verdict.DEFEATED) {
            assertThat(result.outcome().orElseThrow().check()).as(narration).isPresent();
        }
    }
}
