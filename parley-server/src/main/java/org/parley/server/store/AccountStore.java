package org.parley.server.store;

import java.util.List;
import java.util.Optional;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramVerifier;

/**
 * Accounts, their login keys and invite codes. Every method blocks on the database: call it from
 * a blocking executor, never from a Netty event loop. Writes are durable when they return.
 */
public interface AccountStore {

    Optional<AccountRecord> findAccount(String canonicalName) throws StoreException;

    /**
     * As {@link #findAccount}, for the login exchange: it reads and decodes one account row whether
     * or not {@code canonicalName} exists, so its time does not reveal which names exist.
     */
    Optional<AccountRecord> findAccountForLogin(String canonicalName) throws StoreException;

    /**
     * @throws StoreException.Conflict if the canonical name is taken, or (as its subclass
     *     {@link StoreException.Confusable}) if the name looks like an existing one
     */
    void createAccount(AccountRecord account) throws StoreException;

    /**
     * Creates the account and uses the invite in one transaction, checking the invite first: false
     * (and nothing changed) if the code is unknown, used or expired, whatever the name.
     *
     * @throws StoreException.Conflict as {@link #createAccount}, only when the invite is usable
     */
    boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis) throws StoreException;

    /**
     * As {@link #createAccount}, and makes the new account a plain member of {@code room}, in one
     * transaction: if either fails, neither is kept (registration: a new account and its Lobby
     * membership).
     */
    void createAccount(AccountRecord account, String room) throws StoreException;

    /** As {@link #createAccountWithInvite}, and makes the new account a plain member of {@code room}, in the same transaction. */
    boolean createAccountWithInvite(AccountRecord account, String inviteCode, long nowMillis, String room)
            throws StoreException;

    /**
     * Whether {@code key} is registered for the enabled account {@code canonicalName}: one indexed
     * look-up that costs the same whether the account exists or not.
     */
    boolean hasLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException;

    /**
     * The enabled account {@code canonicalName} if {@code key} is registered for it, else empty: the
     * look-up of {@link #hasLoginKey} and the account row in one read (a key login's only store
     * access). Like {@link #findAccountForLogin} it decodes one row either way (a decoy when the
     * key is not registered), so its time does not tell whether the name or the key exists.
     */
    Optional<AccountRecord> findAccountByLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException;

    void setVerifier(String canonicalName, ScramVerifier verifier) throws StoreException;

    void setDisabled(String canonicalName, boolean disabled) throws StoreException;

    List<AccountRecord> listAccounts() throws StoreException;

    List<RegisteredPublicKey> loginKeys(String canonicalName) throws StoreException;

    void addLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException;

    /** @return whether a key was removed */
    boolean removeLoginKey(String canonicalName, RegisteredPublicKey key) throws StoreException;

    void createInvite(String code, String createdBy, long expiresAtMillis) throws StoreException;

    /** Atomically marks an unexpired, unused invite as used by {@code usedBy}; false if none. */
    boolean consumeInvite(String code, String usedBy, long nowMillis) throws StoreException;
}
