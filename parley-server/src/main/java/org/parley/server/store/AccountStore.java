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

    /** @throws StoreException.Conflict if the canonical name is taken */
    void createAccount(AccountRecord account) throws StoreException;

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
