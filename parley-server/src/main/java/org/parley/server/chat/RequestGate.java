package org.parley.server.chat;

import java.util.Map;
import java.util.Optional;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.ErrorCode;

/**
 * Applies the per-account request limits when a chat request arrives, before it is queued (on
 * the connection's event loop; the limiter is thread-safe): a request over the limit is refused with {@link ErrorCode#RATE_LIMITED} and nothing is stored or broadcast.
 *
 * <p><b>Security.</b> The audit log gets one {@code rate_limited} event per burst of rejections,
 * not one per rejected request, so the log cannot become the flood's amplifier; it names the
 * account, session, address and request kind, never a message's text. A session whose account
 * keeps sending after {@value #DISCONNECT_AFTER} rejections in one burst is disconnected (audit
 * event {@code rate_limit_disconnect}): by then it is not a person typing or pasting but a
 * program ignoring the answers, and each rejection still costs the server a reply.
 */
final class RequestGate {
    /** Entries of a listing that cost one more read token: a full list of 1,000 costs 11 tokens, not 1. */
    static final int ENTRIES_PER_TOKEN = 100;
    /**
     * Entries of a batched directory read (a device or bundle carried, or a user found and carried
     * with none; a name of no account counts ten) that cost one more read token: a ListDevicesMany
     * of 100 users with 10 devices each costs 101.
     */
    static final int BATCH_ENTRIES_PER_TOKEN = 10;
    /** Rejections in one burst after which the session that sent the last one is closed. */
    static final int DISCONNECT_AFTER = 1000;
    private final RequestLimiter limiter;
    private final ChatContext context;
    private final int disconnectAfter;

    RequestGate(ChatContext context, RequestRate send, RequestRate read, int disconnectAfter) {
        this.context = context;
        this.disconnectAfter = disconnectAfter;
        this.limiter = new RequestLimiter(send, read, disconnectAfter, context.clock()::millis, context.online()::isOnline);
    }

    /** Counts {@code request}; throws if it is over the limit (and closes the session if it keeps going). */
    void admit(ChatSession session, ChatRequest request) throws Refusal {
        Optional<RequestKind> limited = RequestKind.of(request);
        if (limited.isEmpty()) {
            return;
        }
        RequestKind kind = limited.get();
        switch (limiter.check(session.canonical(), kind)) {
            case ACCEPTED -> {
                return;
            }
            case REJECTED_FIRST -> context.audit().record("rate_limited", Map.of("user", session.user(),
                    "session", session.id(), "remote", String.valueOf(session.remote()), "kind", kind.name()));
            case REJECTED -> { }
            case DISCONNECT -> disconnect(session);
        }
        throw new Refusal(ErrorCode.RATE_LIMITED, "too many requests; slow down and try again in a moment");
    }

    /**
     * Charges a listing (rooms, members, the members in a join answer) for its size: one more read
     * token per {@value #ENTRIES_PER_TOKEN} entries. Rate limits thus bound the work an account
     * causes, not only its number of requests.
     */
    void chargeListing(ChatSession session, int entries) {
        limiter.charge(session.canonical(), RequestKind.READ, entries / ENTRIES_PER_TOKEN);
    }

    /**
     * Charges a batched directory read (ListDevicesMany, FetchBundlesMany) for its answer: one more
     * read token per {@value #BATCH_ENTRIES_PER_TOKEN} entries, where each device or bundle carried
     * counts one, each user found and carried with none counts one too, and each name of no account
     * counts ten. Counting users with no device keeps a batch of 100 lookups from costing a single
     * token: the work of every batch (a lookup and a query per user, a bundle per device) is at most
     * about ten entries per token charged; a name of no account costs a whole token, as a single
     * listing refused {@code no_such_user} does, so batches find out no faster which names are
     * accounts (docs/PROTOCOL.md 14.7, SECURITY.md).
     */
    void chargeBatch(ChatSession session, int entries) {
        limiter.charge(session.canonical(), RequestKind.READ, entries / BATCH_ENTRIES_PER_TOKEN);
    }

    /** The account's last session ended. */
    void wentOffline(String canonical) {
        limiter.wentOffline(canonical);
    }

    /** Closes the session (a Notice first); the rejection thrown after it is dropped if the channel is already closed. */
    private void disconnect(ChatSession session) {
        context.audit().record("rate_limit_disconnect", Map.of("user", session.user(), "session", session.id(),
                "remote", String.valueOf(session.remote()), "rejected", disconnectAfter));
        context.console().notice("disconnecting session " + session.id() + " of " + session.user()
                + ": kept sending over the rate limit");
        session.link().close("too many requests over the rate limit; disconnected");
    }
}
