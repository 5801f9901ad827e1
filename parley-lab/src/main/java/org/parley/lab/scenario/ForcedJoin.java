package org.parley.lab.scenario;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.parley.client.RequestFailedException;
import org.parley.client.e2ee.room.RoomEvent;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.LogBody;
import org.parley.e2ee.group.VerifiedLog;
import org.parley.lab.Actor;
import org.parley.lab.LabTarget;
import org.parley.lab.Trace;
import org.parley.lab.e2e.DeviceFiles;
import org.parley.lab.e2e.E2eParty;
import org.parley.lab.e2e.MaliciousRoomLogs;

/**
 * The operator's way in when the invited user's honest client will not sign the join (an invitation
 * bound to other device keys, E2EE.md 19.4): it signs a {@code join} itself with the keys of the
 * device it logged in as the user (it holds them: the device's directory is on its machine), offers
 * it to its own server over that device's connection, and, the server refusing it, serves it after
 * the true log as the operator of the store can ({@link MaliciousRoomLogs}).
 */
final class ForcedJoin {
    private ForcedJoin() {
    }

    /**
     * Signs {@code ghost}'s join of {@code room} as {@code user} device {@code device} with the
     * keys in {@code ghostDirectory} and offers it to the server; served after the true log only if
     * the server refuses it. Narrated.
     */
    static void force(MaliciousRoomLogs logs, E2eParty ghost, Path ghostDirectory, String room, String user, long device,
            Trace trace) throws Exception {
        String stored = room.toLowerCase(Locale.ROOT);
        DeviceKeys keys = DeviceFiles.keys(ghostDirectory);
        VerifiedLog truth = VerifiedLog.verify(logs.trueLog(stored));
        Bytes entry = truth.next(keys, new DeviceRef(user, device), Instant.now(),
                new LogBody.Join(keys.identity().encoded())).encoded();
        Optional<String> refused = failure(() -> LabTarget.await(ghost.session().client().appendRoomLog(room, entry)));
        trace.add(Actor.ATTACKER, "attacker.e2e.signed-join", room, user, device, refused.orElse("@answer.accepted"));
        if (refused.isPresent()) {
            logs.plant(stored, Optional.of(entry));
            trace.add(Actor.ATTACKER, "attacker.e2e.forced-join", room, truth.size());
        }
    }

    /** A step that may be refused. */
    interface Attempt {
        void run() throws Exception;
    }

    /** Runs {@code attempt}; the refusal (an error code, or the exception's kind and message) if it failed. */
    static Optional<String> failure(Attempt attempt) throws InterruptedException, TimeoutException {
        try {
            attempt.run();
            return Optional.empty();
        } catch (InterruptedException | TimeoutException e) {
            throw e; // not an answer: a lab error, never a refusal
        } catch (Exception e) {
            Throwable cause = e;
            while ((cause instanceof ExecutionException || cause instanceof CompletionException) && cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (cause instanceof RequestFailedException failed) {
                return Optional.of(failed.code().name().toLowerCase(Locale.ROOT));
            }
            return Optional.of(cause.getClass().getSimpleName() + ": " + cause.getMessage());
        }
    }

    /** The refusals of {@code shown} as their lower-case errors, in order, each once. */
    static List<String> errors(List<RoomEvent.Problem> shown) {
        return shown.stream().map(p -> p.error().name().toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
