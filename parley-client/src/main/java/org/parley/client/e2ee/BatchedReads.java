package org.parley.client.e2ee;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;
import org.parley.client.EndToEndException;
import org.parley.client.RequestFailedException;
import org.parley.protocol.auth.Usernames;
import org.parley.protocol.chat.ErrorCode;

/**
 * Reads one entry per user with the batched directory requests ({@code ListDevicesMany},
 * {@code FetchBundlesMany}, PROTOCOL.md 14.8): in batches of at most the protocol's maximum, each
 * paced ({@link PacedReads}); a batch the server refuses as {@code message_too_large} (its answer
 * would pass the server's message limit, which may be set below the protocol's sizing) is halved
 * and each half asked for, down to one user, whose refusal stands (docs/E2EE.md 20.7). Entries are
 * matched by position, so an answer with another number of entries than users asked for, or with
 * an entry for another account than the user at its place (names compared by their canonical form,
 * as accounts are: PROTOCOL.md 13.3), is refused: a server cannot pass one user's devices off as
 * another's by reordering a batch. A single read ({@code ListDevices}, {@code FetchBundles}) is
 * held to the same rule ({@link #one}): its answer must name the user asked for. Runs on the
 * device's worker.
 */
final class BatchedReads {
    private BatchedReads() {
    }

    /** One entry per user of {@code users}, in their order. */
    static <E> List<E> read(List<String> users, int max, Function<List<String>, CompletableFuture<List<E>>> request,
            Function<E, String> userOf) throws Exception {
        List<E> entries = new ArrayList<>(users.size());
        for (int from = 0; from < users.size(); from += max) {
            read(users.subList(from, Math.min(users.size(), from + max)), request, userOf, entries);
        }
        return entries;
    }

    /**
     * The answer to a single read of {@code user} ({@code ListDevices} or {@code FetchBundles},
     * paced), refused unless it names that user's account: a server cannot answer a read of one
     * user with another's devices or bundles.
     */
    static <A> A one(String user, Supplier<CompletableFuture<A>> request, Function<A, String> userOf)
            throws Exception {
        A answer = PacedReads.await(request);
        requireFor(user, userOf.apply(answer));
        return answer;
    }

    /** Refuses a single read's answer for {@code answered} to a read of {@code user} (another account). */
    static void requireFor(String user, String answered) throws EndToEndException {
        if (!sameAccount(user, answered)) {
            throw new EndToEndException("the server answered a read of " + user + " with an answer for " + answered);
        }
    }

    private static <E> void read(List<String> batch, Function<List<String>, CompletableFuture<List<E>>> request,
            Function<E, String> userOf, List<E> into) throws Exception {
        List<E> answer;
        try {
            answer = PacedReads.await(() -> request.apply(batch));
        } catch (RequestFailedException e) {
            if (e.code() != ErrorCode.MESSAGE_TOO_LARGE || batch.size() == 1) {
                throw e;
            }
            int half = batch.size() / 2;
            read(batch.subList(0, half), request, userOf, into);
            read(batch.subList(half, batch.size()), request, userOf, into);
            return;
        }
        if (answer.size() != batch.size()) {
            throw new EndToEndException("the server answered a read of " + batch.size() + " users with "
                    + answer.size() + " entries");
        }
        for (int i = 0; i < batch.size(); i++) {
            if (!sameAccount(batch.get(i), userOf.apply(answer.get(i)))) {
                throw new EndToEndException("the server answered a read of " + batch.get(i) + " with an entry for "
                        + userOf.apply(answer.get(i)));
            }
        }
        into.addAll(answer);
    }

    /** Whether two names are one account's: the same canonical form (NFC, NFKC, lower case; PROTOCOL.md 13.3). */
    private static boolean sameAccount(String asked, String answered) {
        return Usernames.canonical(Normalizer.normalize(asked, Normalizer.Form.NFC))
                .equals(Usernames.canonical(Normalizer.normalize(answered, Normalizer.Form.NFC)));
    }
}
