package org.parley.server.ops;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.auth.LoginKeyFingerprints;
import org.parley.protocol.auth.Passwords;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.DeviceInfo;
import org.parley.server.log.AuditFile;
import org.parley.server.log.AuditLog;
import org.parley.server.names.InvalidNameException;
import org.parley.server.names.NameKind;
import org.parley.server.names.NameRules;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.SqliteStore;
import org.parley.server.store.StoreException;

/**
 * Operator commands on a server's data directory: list users and rooms, list names that look alike
 * or break the current name rules, disable an account, reset a password, create invite codes, list
 * and remove end-to-end devices. Works while the server runs (SQLite WAL lets both open the file).
 *
 * <p><b>Security.</b> A reset password is turned into a SCRAM verifier here, with a fresh salt and
 * the default iteration count; the password itself is never stored and the caller's array is not
 * kept. Invite codes carry 100 bits from {@link SecureRandom}. Every change is audited.
 */
public final class Operator implements AutoCloseable {
    private static final String INVITE_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789";
    private static final int INVITE_LENGTH = 20;
    private static final int MAX_INVITES = 1000;
    private final SqliteStore store;
    private final SecureRandom random = new SecureRandom();
    private final AuditFile auditFile;
    private final AuditLog audit;

    private Operator(SqliteStore store, Path dataDirectory) {
        this.store = store;
        String auditName = AuditLog.loggerNameFor(dataDirectory);
        this.auditFile = AuditFile.attach(auditName, dataDirectory);
        this.audit = new AuditLog(auditName);
    }

    /** Opens the data directory's database; fails if the directory has no database yet. */
    public static Operator open(Path dataDirectory) {
        Path file = dataDirectory.resolve("parley.db");
        if (!Files.exists(file)) {
            throw new OperatorException("no Parley database in " + dataDirectory + " (start the server once first)");
        }
        try {
            return new Operator(SqliteStore.open(file), dataDirectory);
        } catch (StoreException e) {
            throw new OperatorException("cannot open " + file + ": " + e.getMessage(), e);
        }
    }

    public List<AccountRecord> users() {
        try {
            return store.listAccounts();
        } catch (StoreException e) {
            throw failed("list users", e);
        }
    }

    public void disable(String user, boolean disabled) {
        AccountRecord account = require(user);
        try {
            store.setDisabled(account.canonicalName(), disabled);
        } catch (StoreException e) {
            throw failed("disable", e);
        }
        audit.record(disabled ? "operator_disabled" : "operator_enabled", Map.of("user", account.name()));
    }

    /** Replaces the user's SCRAM-SHA-256 verifier; slow by design (PBKDF2 with the default iterations). */
    public void resetPassword(String user, char[] newPassword) {
        AccountRecord account = require(user);
        ScramVerifier verifier;
        try (SecretBytes password = Passwords.normalise(newPassword)) {
            verifier = ScramVerifier.create(ScramMechanism.SCRAM_SHA_256, password, random);
        } catch (IllegalArgumentException e) {
            throw new OperatorException(e.getMessage(), e);
        }
        try {
            store.setVerifier(account.canonicalName(), verifier);
        } catch (StoreException e) {
            throw failed("reset password", e);
        }
        audit.record("operator_password_reset", Map.of("user", account.name()));
    }

    /** Creates {@code count} single-use invite codes valid for {@code validity}. */
    public List<String> createInvites(int count, Duration validity) {
        if (count < 1 || count > MAX_INVITES || validity.isNegative() || validity.isZero()) {
            throw new OperatorException("count must be 1.." + MAX_INVITES + " and validity positive");
        }
        long expires = System.currentTimeMillis() + validity.toMillis();
        List<String> codes = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                String code = newCode();
                store.createInvite(code, "operator", expires);
                codes.add(code);
            }
        } catch (StoreException e) {
            throw failed("create invites", e);
        }
        audit.record("operator_invites_created", Map.of("count", count, "validity_seconds", validity.toSeconds()));
        return codes;
    }

    /** User names that look alike or break the current rules (issue 11): listed, never changed. */
    public NameFindings userNameFindings() {
        try {
            return findings(store.confusableAccounts(), users().stream().map(AccountRecord::name).toList(), NameKind.USER);
        } catch (StoreException e) {
            throw failed("list look-alike users", e);
        }
    }

    /** Room names that look alike or break the current rules: listed, never changed. */
    public NameFindings roomNameFindings() {
        try {
            return findings(store.confusableRooms(), rooms().stream().map(RoomRecord::name).toList(), NameKind.ROOM);
        } catch (StoreException e) {
            throw failed("list look-alike rooms", e);
        }
    }

    private static NameFindings findings(List<List<String>> lookAlikes, List<String> names, NameKind kind) {
        List<NameFindings.RuleBreak> breaks = new ArrayList<>();
        for (String name : names) {
            try {
                NameRules.displayForm(name, kind);
            } catch (InvalidNameException e) {
                breaks.add(new NameFindings.RuleBreak(name, e.getMessage()));
            }
        }
        return new NameFindings(lookAlikes, breaks);
    }

    /** The user's end-to-end devices in id order (the identity blobs are public keys). */
    public List<DeviceInfo> devices(String user) {
        AccountRecord account = require(user);
        try {
            return store.e2e().devices(account.canonicalName());
        } catch (StoreException e) {
            throw failed("list devices", e);
        }
    }

    /**
     * Removes one of the user's devices with its prekeys and queued envelopes. A running server is
     * not told: sessions bound to the device keep their connection, but can no longer send, upload
     * or bind to it; the device's user must add it again (with a new id).
     */
    public void removeDevice(String user, long deviceId) {
        AccountRecord account = require(user);
        boolean removed;
        try {
            removed = store.e2e().removeDevice(account.canonicalName(), deviceId);
        } catch (StoreException e) {
            throw failed("remove device", e);
        }
        if (!removed) {
            throw new OperatorException(account.name() + " has no device " + deviceId);
        }
        audit.record("device_removed", Map.of("user", account.name(), "device", deviceId, "by", "operator"));
    }

    /** The user's login keys (public halves), oldest first. */
    public List<RegisteredPublicKey> loginKeys(String user) {
        AccountRecord account = require(user);
        try {
            return store.loginKeys(account.canonicalName());
        } catch (StoreException e) {
            throw failed("list login keys", e);
        }
    }

    /**
     * Removes the user's login key whose fingerprint starts with {@code fingerprint}; returns it. A
     * running server is not told, but checks the stored keys at each login, so the key no longer signs in.
     */
    public RegisteredPublicKey removeLoginKey(String user, String fingerprint) {
        AccountRecord account = require(user);
        RegisteredPublicKey key;
        try {
            key = LoginKeyFingerprints.find(store.loginKeys(account.canonicalName()), fingerprint);
            store.removeLoginKey(account.canonicalName(), key);
        } catch (IllegalArgumentException e) {
            throw new OperatorException(account.name() + ": " + e.getMessage());
        } catch (StoreException e) {
            throw failed("remove login key", e);
        }
        audit.record("login_key_removed", Map.of("user", account.name(), "algorithm", key.algorithm().label(), "by", "operator"));
        return key;
    }

    public List<RoomRecord> rooms() {
        try {
            return store.listRooms();
        } catch (StoreException e) {
            throw failed("list rooms", e);
        }
    }

    @Override
    public void close() {
        auditFile.close();
        try {
            store.close();
        } catch (StoreException e) {
            throw failed("close", e);
        }
    }

    private AccountRecord require(String user) {
        try {
            return store.findAccount(NameRules.canonicalOf(user, NameKind.USER))
                    .orElseThrow(() -> new OperatorException("no such user"));
        } catch (InvalidNameException e) {
            throw new OperatorException(e.getMessage(), e);
        } catch (StoreException e) {
            throw failed("find user", e);
        }
    }

    private String newCode() {
        StringBuilder code = new StringBuilder(INVITE_LENGTH);
        for (int i = 0; i < INVITE_LENGTH; i++) {
            code.append(INVITE_ALPHABET.charAt(random.nextInt(INVITE_ALPHABET.length())));
        }
        return code.toString();
    }

    private static OperatorException failed(String what, StoreException e) {
        return new OperatorException(what + " failed: " + e.getMessage(), e);
    }
}
