package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.protocol.auth.AuthFailed;
import org.parley.protocol.auth.AuthFailureCode;
import org.parley.protocol.auth.AuthMethod;

class LoginAttemptTest {

    @Test
    void anUnsupportedMethodRefusalSaysWhichKeyAlgorithmsTheServerAccepts() {
        CompletableFuture<String> result = new CompletableFuture<>();
        LoginAttempt attempt = LoginAttempt.oneShot(result, AuthMethod.PUBLIC_KEY, message -> { }, () -> { });

        attempt.onMessage(AuthFailed.of(AuthFailureCode.UNSUPPORTED_METHOD));

        assertThat(result).failsWithin(java.time.Duration.ZERO).withThrowableThat().havingCause()
                .isInstanceOfSatisfying(LoginFailedException.class, failure -> {
                    assertThat(failure.code()).isEqualTo(Optional.of(AuthFailureCode.UNSUPPORTED_METHOD));
                    assertThat(failure.getMessage()).contains("does not accept this login method")
                            .contains("ED25519").contains("ECDSA_P256_SHA256").contains("ML_DSA_65");
                });
    }
}
