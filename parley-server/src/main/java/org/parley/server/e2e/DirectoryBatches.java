package org.parley.server.e2e;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.parley.protocol.chat.ChatEvent;
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
 * user carried with none, counts one), which the chat layer charges as read tokens after the answer
 * is sent ({@code RequestGate.chargeBatch}), so the work of a batch (a lookup per user, a query per
 * user, at most ten bundles per user) stays proportional to what it costs the account. A fetch
 * takes the one-time prekey allowance ({@link BundleFetchLimiter}) once per user found, in request
 * order, exactly as that many FetchBundles would, and hands out every user's bundles in one
 * transaction.
 */
final class DirectoryBatches {
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
        session.deliver(new ChatEvent.DeviceLists(request.requestId(), lists));
        return lists.stream().mapToInt(l -> Math.max(1, l.devices().map(List::size).orElse(0))).sum();
    }

    /** Answers a FetchBundlesMany; returns the entries it carried. */
    int fetch(ChatSession session, ChatRequest.FetchBundlesMany request) throws E2eRefusal, StoreException {
        List<Optional<AccountRecord>> accounts = resolve(request.users());
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
        return lists.stream().mapToInt(l -> Math.max(1, l.bundles().map(List::size).orElse(0))).sum();
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
