package org.parley.lab.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.LabTarget;
import org.parley.lab.Trace;
import org.parley.lab.Variant;

/**
 * A step of an end-to-end scenario that waits for bob is a lab error when bob never got there, never
 * a step the scenario carries on from (docs/LAB.md): here bob waits for a message alice never sent,
 * and for an envelope he never logged in to acknowledge, each with a short bound.
 */
class E2eCastWaitTest {
    private static final Duration SHORT = Duration.ofMillis(300);

    @TempDir
    static Path work;

    private static LabTarget target;

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

    @Test
    void aMessageBobNeverReceivesIsATimeout() throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, new Trace())) {
            assertThatThrownBy(() -> cast.bobReceives("a message alice never sent", SHORT))
                    .isInstanceOf(TimeoutException.class).hasMessageContaining("a message alice never sent");
        }
    }

    @Test
    void anEnvelopeBobNeverAcknowledgedIsATimeout() throws Exception {
        try (E2eCast cast = E2eCast.assemble(target, new Trace())) {
            assertThat(cast.send("@what.e2e-first", "hello bob", Variant.PARLEY).failure()).isEmpty();

            assertThatThrownBy(() -> cast.awaitBobAcknowledged(SHORT)).isInstanceOf(TimeoutException.class);
        }
    }
}
