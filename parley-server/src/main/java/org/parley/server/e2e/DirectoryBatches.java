package org.parley.server.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ChatLimits;
import org.parley.protocol.chat.ChatRequest;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.protocol.chat.ErrorCode;
import org.parley.protocol.chat.PrekeyBundle;
import org.parley.protocol.chat.UserBundles;
import org.parley.protocol.chat.UserDevices;
import org.parley.server.chat.ChatSession;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.BundleTake;
import org.parley.server.store.StoreException;

/**
 * The batched directory reads, ListDevicesMany and FetchBundlesMany (docs/PROTOCOL.md 14.8):
 * for each named user exactly what ListDevices or FetchBundles would answer, an unknown or
 * disabled account being {@code found = 0} instead of a refusal of the whole batch.
 *
 * <p><b>Security.</b> Each method returns the answer's entries (a device or bundle carried, or a
 * user found and carried with none, counts one; a name of no account counts {@link #NOT_FOUND_ENTRIES},
 * a whole read token, so that batches tell no account faster than single listings whether a name is
 * an account), which the chat layer charges as read tokens after the answer
 * is sent ({@code RequestGate.chargeBatch}), so the work of a batch (a lookup per user, a query per
 * user, at most ten bundles per user) stays proportional to what it costs the account. A fetch
 * takes the one-time prekey allowance ({@link BundleFetchLimiter}) once per user found, in request
 * order, exactly as that many FetchBundles would, and hands out every user's bundles in one
 * transaction. A bundle batch whose answer could be larger than the server's message limit
 * ({@code limits.max-message-bytes}) is refused {@code message_too_large} here, from a bound read
 * before any key is taken, so a refused batch hands out nothing. A device-list batch takes
 * nothing, so it needs no bound: an answer that does not fit is refused {@code message_too_large}
 * by the session's link ({@code NettySessionLink}), as every answer is, and is charged for the
 * entries it read like any other, since the server did that work.
 */
final class DirectoryBatches {
    /**
     * The entries a name of no account costs: one read token's worth (PROTOCOL.md 14.7), as a
     * {@code ListDevices} refused {@code no_such_user} costs, so that a batch does not tell an
     * account ten times faster whether names are accounts.
     */
    static final int NOT_FOUND_ENTRIES = 10;
    /** An X25519 prekey record (signed or one-time) as the server accepts it: kind, key id, key, signature. */
    private static final int X25519_RECORD = ChatLimits.MIN_PREKEY_RECORD_BYTES;
    private final E2eContext context;
    private final BundleFetchLimiter limiter;

    DirectoryBatches(E2eContext context, BundleFetchLimiter limiter) {
        this.context = context;
        this.limiter = limiter;
    }

    /** Answers a ListDevicesMany; returns the entries it carried. */
    int list(ChatSession session, ChatRequest.ListDevicesMany request) throws E2eRefusal, StoreException {
        List<Optional<AccountRecord>> accounts = resolve(request.users());
        List<String> found = accounts.stream().flatMap(Optional::stream).map(AccountRecord::canonicalName).toList();
        List<List<DeviceInfo>> devices = context.store().devices(found);
        List<UserDevices> lists = new ArrayList<>(accounts.size());
        int next = 0;
        for (int i = 0; i < accounts.size(); i++) {
            Optional<AccountRecord> account = accounts.get(i);
            lists.add(account.isEmpty() ? new UserDevices(request.users().get(i), Optional.empty())
                    : new UserDevices(account.get().name(), Optional.of(devices.get(next++))));
        }
        // One that does not fit is refused message_too_large by the session's link, as any answer is.
        session.deliver(new ChatEvent.DeviceLists(request.requestId(), lists));
        return lists.stream().mapToInt(l -> entries(l.devices())).sum();
    }

    /** Answers a FetchBundlesMany; returns the entries it carried. */
    int fetch(ChatSession session, ChatRequest.FetchBundlesMany request) throws E2eRefusal, StoreException {
        List<Optional<AccountRecord>> accounts = resolve(request.users());
        long bound = bundleListsBound(request.users(), accounts);
        if (bound > context.maxEventBytes()) {
            throw tooLarge(bound);
        }
        long now = context.clock().millis();
        List<BundleTake> takes = new ArrayList<>();
        for (Optional<AccountRecord> account : accounts) {
            if (account.isPresent()) {
                takes.add(new BundleTake(account.get().canonicalName(), limiter.tryFetch(session.canonical(), now)));
            }
        }
        List<List<PrekeyBundle>> bundles = takes.isEmpty() ? List.of() : context.store().takeBundles(takes);
        List<UserBundles> lists = new ArrayList<>(accounts.size());
        int next = 0;
        for (int i = 0; i < accounts.size(); i++) {
            Optional<AccountRecord> account = accounts.get(i);
            lists.add(account.isEmpty() ? new UserBundles(request.users().get(i), Optional.empty())
                    : new UserBundles(account.get().name(), Optional.of(bundles.get(next++))));
        }
        session.deliver(new ChatEvent.BundleLists(request.requestId(), lists));
        return lists.stream().mapToInt(l -> entries(l.bundles())).sum();
    }

    /**
     * The size of the BundleLists these users' current devices make, at most: each bundle with a
     * one-time prekey, its records at the exact lengths the server accepts for their kinds (101
     * bytes for X25519, 1,253 for ML-KEM; PROTOCOL.md 14.8). Read before anything is handed out, so
     * an answer the channel could not send is refused without taking a key; a device added between
     * this read and the hand-out can still make it larger (then the session's link refuses it
     * {@code message_too_large} as it does any over-long answer, after the keys were taken).
     */
    private long bundleListsBound(List<String> users, List<Optional<AccountRecord>> accounts) throws StoreException {
        List<String> found = accounts.stream().flatMap(Optional::stream).map(AccountRecord::canonicalName).toList();
        List<List<DeviceInfo>> devices = found.isEmpty() ? List.of() : context.store().devices(found);
        long bound = 1 + 4 + 2;
        int next = 0;
        for (int i = 0; i < accounts.size(); i++) {
            String name = accounts.get(i).map(AccountRecord::name).orElse(users.get(i));
            bound += 1 + name.getBytes(StandardCharsets.UTF_8).length + 1 + 2;
            if (accounts.get(i).isPresent()) {
                for (DeviceInfo device : devices.get(next++)) {
                    bound += 4 + 2 + device.identity().length() + (2 + X25519_RECORD) + 1 + (2 + X25519_RECORD)
                            + (2 + ChatLimits.MAX_PREKEY_RECORD_BYTES);
                }
            }
        }
        return bound;
    }

    /** What one user's part of an answer counts: its devices or bundles, at least one; a name of no account a token's worth. */
    private static int entries(Optional<? extends List<?>> carried) {
        return carried.map(list -> Math.max(1, list.size())).orElse(NOT_FOUND_ENTRIES);
    }

    private E2eRefusal tooLarge(long size) {
        return new E2eRefusal(ErrorCode.MESSAGE_TOO_LARGE, "the answer would be " + size + " bytes, more than this "
                + "server sends in one message (" + context.maxEventBytes() + "); ask for fewer users at once");
    }

    /**
     * Each name's enabled account, in order; two names of one account (they differ only in what
     * names fold together, e.g. case) refuse the whole batch: the codec already refuses the same
     * bytes twice.
     */
    private List<Optional<AccountRecord>> resolve(List<String> users) throws E2eRefusal, StoreException {
        List<Optional<AccountRecord>> accounts = new ArrayList<>(users.size());
        Set<String> seen = new HashSet<>();
        for (String user : users) {
            Optional<AccountRecord> account = Accounts.find(context.accounts(), user);
            if (account.isPresent() && !seen.add(account.get().canonicalName())) {
                throw new E2eRefusal(ErrorCode.MALFORMED_REQUEST, "a user is named twice");
            }
            accounts.add(account);
        }
        return accounts;
    }
}
