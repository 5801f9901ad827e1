package org.parley.client.e2ee;

import java.security.SecureRandom;
import java.util.function.Consumer;

/** What the parts of an {@link E2eDevice} share: settings, own name, state, randomness, the event sink. */
record E2eContext(E2eSettings settings, String user, LocalState state, SecureRandom random, Consumer<E2eEvent> events) {

    void emit(E2eEvent event) {
        events.accept(event);
    }
}
