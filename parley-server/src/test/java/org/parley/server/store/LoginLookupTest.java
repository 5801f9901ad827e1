package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;

/** {@link SqliteStore#findAccountForLogin}: the same answers as findAccount, whatever decoy row it reads. */
class LoginLookupTest {
    private static final ScramVerifier VERIFIER = new ScramVerifier(ScramMechanism.SCRAM_SHA_256,
            Bytes.fromHex("00112233445566778899aabbccddeeff"), 600_000,
            Bytes.fromHex("a1".repeat(32)), Bytes.fromHex("b2".repeat(32)));

    @TempDir
    Path dir;

    @Test
    void findsAKnownAccountAndNeverReturnsTheDecoyForAnUnknownName() throws Exception {
        try (SqliteStore store = SqliteStore.open(dir.resolve("parley.db"))) {
            assertThat(store.findAccountForLogin("alice")).as("empty store").isEmpty();
            AccountRecord alice = new AccountRecord("Alice", "alice", Optional.of(VERIFIER), false, 1L);
            AccountRecord bob = new AccountRecord("bob", "bob", Optional.empty(), false, 2L);
            store.createAccount(alice);
            store.createAccount(bob);

            assertThat(store.findAccountForLogin("alice")).contains(alice);
            assertThat(store.findAccountForLogin("bob")).contains(bob);
            assertThat(store.findAccountForLogin("nobody")).isEmpty();
            assertThat(store.findAccountForLogin("Alice")).as("canonical names only").isEmpty();
        }
    }
}
