package org.parley.client.e2ee;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.parley.client.EndToEndException;
import org.parley.client.RequestFailedException;
import org.parley.protocol.chat.ErrorCode;

/**
 * Reads one entry per user with the batched directory requests ({@code ListDevicesMany},
 * {@code FetchBundlesMany}, PROTOCOL.md 14.8): in batches of at most the protocol's maximum, each
 * paced ({@link PacedReads}); a batch the server refuses as {@code message_too_large} (its answer
 * would pass the server's message limit, which may be set below the protocol's sizing) is halved
 * and each half asked for, down to one user, whose refusal stands (docs/E2EE.md 20.7). An answer
 * with another number of entries than users asked for is refused: entries are matched by position.
 * Runs on the device's worker.
 */
final class BatchedReads {
    private BatchedReads() {
    }

    /** One entry per user of {@code users}, in their order. */
    static <E> List<E> read(List<String> users, int max, Function<List<String>, CompletableFuture<List<E>>> request)
            throws Exception {
        List<E> entries = new ArrayList<>(users.size());
        for (int from = 0; from < users.size(); from += max) {
            read(users.subList(from, Math.min(users.size(), from + max)), request, entries);
        }
        return entries;
    }

    private static <E> void read(List<String> batch, Function<List<String>, CompletableFuture<List<E>>> request,
            List<E> into) throws Exception {
        List<E> answer;
        try {
            answer = PacedReads.await(() -> request.apply(batch));
        } catch (RequestFailedException e) {
            if (e.code() != ErrorCode.MESSAGE_TOO_LARGE || batch.size() == 1) {
                throw e;
            }
            int half = batch.size() / 2;
            read(batch.subList(0, half), request, into);
            read(batch.subList(half, batch.size()), request, into);
            return;
        }
        if (answer.size() != batch.size()) {
            throw new EndToEndException("the server answered a read of " + batch.size() + " users with "
                    + answer.size() + " entries");
        }
        into.addAll(answer);
    }
}
