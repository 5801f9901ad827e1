package org.parley.protocol.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.protocol.testing.PythonChecker;

/**
 * The build runs the independent checker docs/test-vectors/check/check_login.py (written from
 * PROTOCOL.md section 13 alone) on LOGIN_messages.json, so a change of the auth code, the vectors or
 * the doc that the others do not follow fails here. Skipped, with the reason, where python3 or its
 * 'cryptography' package (48 or later, for ML-DSA-65) is missing.
 */
class LoginVectorsPythonCheckTest {
    @Test
    void theIndependentCheckerReproducesEveryLoginVector() throws IOException {
        PythonChecker python = new PythonChecker();
        python.assumeRuns("import sys; assert sys.version_info >= (3, 8); "
                + "from cryptography.hazmat.primitives.asymmetric import mldsa, ed25519, ec",
                "Python 3.8 or later with the 'cryptography' package 48 or later (ML-DSA-65)");

        String output = python.assertPasses("check_login.py", List.of(LoginVectorFile.path()));

        assertThat(output).containsPattern("\\d+ SCRAM logins, \\d+ public-key logins \\(\\d+ re-signed\\), \\d+ "
                + "registrations, \\d+ password changes and \\d+ invalid exchanges checked, 0 failures");
    }
}
