package org.parley.lab.scenario;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.Check;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.LabText;
import org.parley.lab.ScenarioResult;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;

/** The impostor scenarios are defeated by the check docs/LAB.md names, not by any failure of the handshake. */
class KeySubstitutionCheckTest {
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

    private static Check check(String name) {
        ScenarioResult result = LAB.run(LAB.find(name).orElseThrow(), Variant.PARLEY, target);
        String narration = String.join("\n", LabText.forLocale(Locale.ENGLISH).narrate(result));
        assertThat(result.outcome()).as(narration).hasValueSatisfying(o -> assertThat(o.verdict()).isEqualTo(Verdict.DEFEATED));
        return result.outcome().orElseThrow().check().orElseThrow();
    }

    @Test
    void aPinnedClientRefusesTheImpostorKeyWithUntrustedServerKey() {
        assertThat(check("key-substitution-pinned")).isEqualTo(new Check("untrusted_server_key(42)", "5.5, 12.2",
                "TrustOnFirstUse"));
    }

    @Test
    void aFirstContactWhoseFingerprintDiffersIsRefusedByTheUserAndNothingIsPinned() {
        assertThat(check("key-substitution-fingerprint-checked")).isEqualTo(new Check("first-contact-refused",
                "5.5, 12.2", "FirstContactPause"));
    }
}
