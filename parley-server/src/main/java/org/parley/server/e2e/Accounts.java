package org.parley.server.e2e;

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
        String canonical;
        try {
            canonical = NameRules.canonicalOf(user, NameKind.USER);
        } catch (InvalidNameException e) {
            throw new E2eRefusal(ErrorCode.NO_SUCH_USER, "no such user");
        }
        return accounts.findAccount(canonical).filter(a -> !a.disabled())
                .orElseThrow(() -> new E2eRefusal(ErrorCode.NO_SUCH_USER, "no such user"));
    }
}
