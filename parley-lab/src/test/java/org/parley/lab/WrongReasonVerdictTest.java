package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scenario is "defeated" only when the check its section of docs/LAB.md names fired, never because
 * the victim failed for another reason: here the lab's server is stopped before the attack, so every
 * connection fails for a reason that has nothing to do with the attack, and no verdict may say the
 * attack was caught.
 */
class WrongReasonVerdictTest {
    @TempDir
    static Path work;

    private static LabTarget stopped;
    private static final Lab LAB = Lab.standard();

    @BeforeAll
    static void startTheLabServerThenStopIt() throws Exception {
        stopped = LabTarget.startLocal(work);
        stopped.close();
    }

    @AfterAll
    static void closeIt() {
        if (stopped != null) {
            stopped.close();
        }
    }

    @ParameterizedTest(name = "{0} against a server that is down is not reported as defeated")
    @ValueSource(strings = {"bitflip-server-signature", "bitflip-client-finished", "downgrade-answer",
            "key-substitution-copied-key"})
    void aVictimThatCannotReachTheServerIsNotACaughtAttack(String name) {
        ScenarioResult result = LAB.run(LAB.find(name).orElseThrow(), Variant.PARLEY, stopped);

        assertThat(result.outcome().map(Outcome::verdict)).as(String.join("\n",
                LabText.forLocale(Locale.ENGLISH).narrate(result))).isNotEqualTo(Optional.of(Verdict.DEFEATED));
        assertThat(result.asExpected()).isFalse();
    }
}
