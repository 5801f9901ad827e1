package org.parley.crypto.kex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.InvalidKeyMaterialException;

/**
 * Runs a call on peer input and reports its result, or empty when the input was rejected. Any
 * exception other than {@link InvalidKeyMaterialException} fails the calling test: a malformed
 * peer value must never surface as a {@code RuntimeException}.
 */
final class PeerInputOutcome {

    /** A call on peer input that may reject it. */
    interface Call<T> {
        T call() throws InvalidKeyMaterialException;
    }

    private PeerInputOutcome() {
    }

    static <T> Optional<T> acceptedOrEmpty(Call<T> call) {
        List<T> result = new ArrayList<>(1);
        Throwable thrown = catchThrowable(() -> result.add(call.call()));
        if (thrown != null) {
            assertThat(thrown).as("a rejection must be typed").isInstanceOf(InvalidKeyMaterialException.class);
        }
        return result.stream().findFirst();
    }
}
