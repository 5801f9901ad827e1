package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.auth.RegisteredPublicKey;
import org.parley.protocol.auth.ScramMechanism;
import org.parley.protocol.auth.ScramVerifier;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.suite.SignatureComponent;

class SqliteStoreAccountsTest {

    private static final ScramVerifier VERIFIER = new ScramVerifier(ScramMechanism.SCRAM_SHA_256,
            Bytes.fromHex("00112233445566778899aabbccddeeff"), 600_000,
            Bytes.fromHex("a1".repeat(32)), Bytes.fromHex("b2".repeat(32)));
    private static final RegisteredPublicKey ED_KEY =
            new RegisteredPublicKey(SignatureComponent.ED25519, Bytes.fromHex("0e".repeat(32)));
    private static final RegisteredPublicKey P256_KEY =
            new RegisteredPublicKey(SignatureComponent.ECDSA_P256_SHA256, Bytes.fromHex("04" + "7c".repeat(64)));

    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() throws StoreException {
        store = SqliteStore.open(dir.resolve("parley.db"));
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    private static AccountRecord account(String name, String canonical) {
        return new AccountRecord(name, canonical, Optional.of(VERIFIER), false, 1_700_000_000_000L);
    }

    @Test
    void storesAnAccountWithEveryVerifierField() throws StoreException {
        AccountRecord alice = account("Alice", "alice");

        store.createAccount(alice);

        assertThat(store.findAccount("alice")).contains(alice);
    }

    @Test
    void storesAnAccountWithoutPassword() throws StoreException {
        AccountRecord keyOnly = new AccountRecord("张伟", "张伟", Optional.empty(), false, 5L);

        store.createAccount(keyOnly);

        assertThat(store.findAccount("张伟")).contains(keyOnly);
    }

    @Test
    void createsAnAccountAndItsFirstRoomMembershipTogether() throws StoreException {
        store.createRoom(new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "", 1L));

        store.createAccount(account("Alice", "alice"), "lobby");

        assertThat(store.findAccount("alice")).isPresent();
        assertThat(store.roomsOf("alice")).containsExactly("lobby");
    }

    @Test
    void keepsNeitherTheAccountNorItsMembershipWhenTheMembershipCannotBeStored() throws StoreException {
        assertThatThrownBy(() -> store.createAccount(account("Alice", "alice"), "no such room"))
                .isInstanceOf(StoreException.class);

        assertThat(store.findAccount("alice")).isEmpty();
        assertThat(store.roomsOf("alice")).isEmpty();
    }

    @Test
    void findsNothingForAnUnknownName() throws StoreException {
        assertThat(store.findAccount("nobody")).isEmpty();
    }

    @Test
    void rejectsASecondAccountWithTheSameCanonicalNameAsAConflict() throws StoreException {
        store.createAccount(account("Alice", "alice"));

        assertThatThrownBy(() -> store.createAccount(account("ALICE", "alice")))
                .isInstanceOf(StoreException.Conflict.class)
                .message().doesNotContain(VERIFIER.storedKey().toHex()).doesNotContain("a1a1");
        assertThat(store.findAccount("alice")).map(AccountRecord::name).contains("Alice");
    }

    @Test
    void replacesTheVerifier() throws StoreException {
        store.createAccount(account("Bob", "bob"));
        ScramVerifier next = new ScramVerifier(ScramMechanism.SCRAM_SHA_512, Bytes.fromHex("ff".repeat(16)),
                700_000, Bytes.fromHex("c3".repeat(64)), Bytes.fromHex("d4".repeat(64)));

        store.setVerifier("bob", next);

        assertThat(store.findAccount("bob")).flatMap(AccountRecord::sha256).contains(next);
    }

    @Test
    void refusesToUpdateAnUnknownAccount() {
        assertThatThrownBy(() -> store.setVerifier("ghost", VERIFIER))
                .isExactlyInstanceOf(StoreException.class).hasMessageContaining("no such account");
        assertThatThrownBy(() -> store.setDisabled("ghost", true))
                .isExactlyInstanceOf(StoreException.class).hasMessageContaining("no such account");
    }

    @Test
    void disablesAndReenablesAnAccount() throws StoreException {
        store.createAccount(account("Carol", "carol"));

        store.setDisabled("carol", true);
        boolean disabled = store.findAccount("carol").orElseThrow().disabled();
        store.setDisabled("carol", false);

        assertThat(disabled).isTrue();
        assertThat(store.findAccount("carol").orElseThrow().disabled()).isFalse();
    }

    @Test
    void listsAccountsByCanonicalName() throws StoreException {
        store.createAccount(account("Zed", "zed"));
        store.createAccount(account("张伟", "张伟"));
        store.createAccount(account("Amy", "amy"));

        assertThat(store.listAccounts()).extracting(AccountRecord::canonicalName).containsExactly("amy", "zed", "张伟");
    }

    @Test
    void addsListsAndRemovesLoginKeys() throws StoreException {
        store.createAccount(account("Dan", "dan"));

        store.addLoginKey("dan", ED_KEY);
        store.addLoginKey("dan", P256_KEY);
        boolean removed = store.removeLoginKey("dan", ED_KEY);
        boolean removedAgain = store.removeLoginKey("dan", ED_KEY);

        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(store.loginKeys("dan")).containsExactly(P256_KEY);
    }

    @Test
    void keepsLoginKeysPerAccount() throws StoreException {
        store.createAccount(account("Dan", "dan"));
        store.createAccount(account("Eve", "eve"));

        store.addLoginKey("dan", ED_KEY);

        assertThat(store.loginKeys("eve")).isEmpty();
        assertThat(store.removeLoginKey("eve", ED_KEY)).isFalse();
        assertThat(store.loginKeys("dan")).containsExactly(ED_KEY);
    }

    @Test
    void findsTheAccountByARegisteredLoginKeyInOneRead() throws StoreException {
        AccountRecord dan = account("Dan", "dan");
        store.createAccount(dan);
        store.createAccount(account("Eve", "eve"));
        store.addLoginKey("dan", ED_KEY);

        assertThat(store.findAccountByLoginKey("dan", ED_KEY)).contains(dan);
        assertThat(store.findAccountByLoginKey("dan", P256_KEY)).isEmpty();
        assertThat(store.findAccountByLoginKey("eve", ED_KEY)).isEmpty();
        assertThat(store.findAccountByLoginKey("nobody", ED_KEY)).isEmpty();
    }

    @Test
    void aKeptLoginLookUpSeesKeysAddedAndRemovedAfterItsFirstUse() throws StoreException {
        AccountRecord dan = account("Dan", "dan");
        store.createAccount(dan);
        Optional<AccountRecord> beforeTheKey = store.findAccountByLoginKey("dan", ED_KEY);

        store.addLoginKey("dan", ED_KEY);
        Optional<AccountRecord> withTheKey = store.findAccountByLoginKey("dan", ED_KEY);
        store.removeLoginKey("dan", ED_KEY);
        Optional<AccountRecord> afterRemoval = store.findAccountByLoginKey("dan", ED_KEY);

        assertThat(beforeTheKey).isEmpty();
        assertThat(withTheKey).contains(dan);
        assertThat(afterRemoval).isEmpty();
    }

    @Test
    void findsNoAccountByLoginKeyOnceTheAccountIsDisabled() throws StoreException {
        store.createAccount(account("Dan", "dan"));
        store.addLoginKey("dan", ED_KEY);

        store.setDisabled("dan", true);

        assertThat(store.findAccountByLoginKey("dan", ED_KEY)).isEmpty();
    }

    @Test
    void findsAKeyOnlyAccountByItsLoginKeyWhenNoAccountHasAPassword() throws StoreException {
        AccountRecord keyOnly = new AccountRecord("张伟", "张伟", Optional.empty(), false, 5L);
        store.createAccount(keyOnly);
        store.addLoginKey("张伟", ED_KEY);

        assertThat(store.findAccountByLoginKey("张伟", ED_KEY)).contains(keyOnly);
        assertThat(store.findAccountByLoginKey("张伟", P256_KEY)).isEmpty();
    }

    @Test
    void rejectsTheSameLoginKeyTwiceAsAConflict() throws StoreException {
        store.createAccount(account("Dan", "dan"));
        store.addLoginKey("dan", ED_KEY);

        assertThatThrownBy(() -> store.addLoginKey("dan", ED_KEY)).isInstanceOf(StoreException.Conflict.class);
    }

    @Test
    void refusesALoginKeyForAnUnknownAccount() {
        assertThatThrownBy(() -> store.addLoginKey("ghost", ED_KEY))
                .isExactlyInstanceOf(StoreException.class).hasMessageContaining("does not exist");
    }

    @Test
    void consumesAnInviteOnlyOnce() throws StoreException {
        store.createInvite("code-1", "admin", 2_000L);

        boolean first = store.consumeInvite("code-1", "alice", 1_000L);
        boolean second = store.consumeInvite("code-1", "bob", 1_001L);

        assertThat(first).isTrue();
        assertThat(second).isFalse();
    }

    @Test
    void refusesAnExpiredOrUnknownInvite() throws StoreException {
        store.createInvite("late", "admin", 2_000L);

        assertThat(store.consumeInvite("late", "alice", 2_000L)).isFalse();
        assertThat(store.consumeInvite("late", "alice", 5_000L)).isFalse();
        assertThat(store.consumeInvite("never-issued", "alice", 1L)).isFalse();
        assertThat(store.consumeInvite("late", "alice", 1_999L)).isTrue();
    }

    @Test
    void rejectsADuplicateInviteCodeAsAConflict() throws StoreException {
        store.createInvite("dup", "admin", 2_000L);

        assertThatThrownBy(() -> store.createInvite("dup", "admin", 3_000L))
                .isInstanceOf(StoreException.Conflict.class);
    }
}
