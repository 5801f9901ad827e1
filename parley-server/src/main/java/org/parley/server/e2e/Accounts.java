package org.parley.server.e2e;

import java.util.Optional;
import org.parley.protocol.chat.ErrorCode;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.AccountStore;
import org.parley.server.store.StoreException;

/** Looks up the account a request names; an unknown, invalid or disabled name is one refusal. */
final class Accounts {
    private Accounts() {
    }

    static AccountRecord require(AccountStore accounts, String user) throws E2eRefusal, StoreException {
        return find(accounts, user).orElseThrow(() -> new E2eRefusal(ErrorCode.NO_SUCH_USER, "no such user"));
    }

    /** The enabled account {@code user} names; empty for an unknown, invalid or disabled name. */
    static Optional<AccountRecord> find(AccountStore accounts, String user) throws StoreException {
        String canonical;
        try {
            canonical = NameRules.canonicalOf(user, NameKind.USER);
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        return accounts.findAccount(canonical).filter(a -> !a.disabled());
    }
}
