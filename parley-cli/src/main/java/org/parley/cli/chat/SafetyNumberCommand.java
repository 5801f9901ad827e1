package org.parley.cli.chat;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.parley.client.ParleySession;
import org.parley.client.SafetyNumberChangedException;
import org.parley.client.e2ee.ContactDevice;
import org.parley.e2ee.safety.SafetyNumber;

/**
 * {@code /verify USER [--mark]} (docs/CLI.md): shows the safety number with USER and remembers it as
 * the one the user compares; {@code --mark} vouches for the devices of the number shown last for
 * USER. If none was shown yet, it is shown and nothing is marked ({@code NOT_COMPARED}); if the
 * devices listed now give another number, nothing is marked and the new one is shown
 * ({@code SAFETY_NUMBER_CHANGED}, docs/E2EE.md §20.5).
 */
final class SafetyNumberCommand {
    private final ParleySession session;
    private final ChatView view;
    private final Duration timeout;
    /** The safety number last shown for each user: what {@code --mark} vouches for. */
    private final Map<String, SafetyNumber> shown = new ConcurrentHashMap<>();

    SafetyNumberCommand(ParleySession session, ChatView view, Duration timeout) {
        this.session = session;
        this.view = view;
        this.timeout = timeout;
    }

    void run(String user, boolean mark) throws ExecutionException, TimeoutException, InterruptedException {
        SafetyNumber compared = shown.get(user);
        if (mark && compared != null) {
            try {
                await(session.markVerified(user, compared));
                view.safetyNumber(user, compared, true);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof SafetyNumberChangedException changed)) {
                    throw e;
                }
                view.error("SAFETY_NUMBER_CHANGED", user);
                show(user, changed.current());
                return;
            }
        }
        SafetyNumber number = await(session.safetyNumber(user));
        if (mark) {
            view.error("NOT_COMPARED", user);
        }
        show(user, number);
    }

    /** Shows {@code number} as the one the user now compares for {@code user}, with the current verified state. */
    private void show(String user, SafetyNumber number) throws ExecutionException, TimeoutException, InterruptedException {
        shown.put(user, number);
        boolean verified = await(session.contactDevices(user)).stream().anyMatch(ContactDevice::verified);
        view.safetyNumber(user, number, verified);
    }

    private <T> T await(CompletableFuture<T> future) throws ExecutionException, TimeoutException, InterruptedException {
        return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }
}
