package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.protocol.chat.Role;
import org.parley.protocol.chat.RoomVisibility;

class SqliteStoreRoomsTest {

    private static final RoomRecord LOBBY =
            new RoomRecord("Lobby", "lobby", "Welcome", RoomVisibility.PUBLIC, "server", 1_000L);
    private static final RoomRecord SECRET =
            new RoomRecord("Secret", "secret", "", RoomVisibility.PRIVATE, "alice", 2_000L);

    @TempDir
    Path dir;
    private SqliteStore store;

    @BeforeEach
    void open() throws StoreException {
        store = SqliteStore.open(dir.resolve("parley.db"));
        store.createRoom(LOBBY);
        store.createRoom(SECRET);
    }

    @AfterEach
    void close() throws StoreException {
        store.close();
    }

    @Test
    void findsAndListsRooms() throws StoreException {
        assertThat(store.findRoom("secret")).contains(SECRET);
        assertThat(store.findRoom("nowhere")).isEmpty();
        assertThat(store.listRooms()).containsExactly(LOBBY, SECRET);
    }

    @Test
    void rejectsARoomWithATakenNameAsAConflict() {
        RoomRecord again = new RoomRecord("LOBBY", "lobby", "", RoomVisibility.PRIVATE, "bob", 3_000L);

        assertThatThrownBy(() -> store.createRoom(again)).isInstanceOf(StoreException.Conflict.class);
    }

    @Test
    void setsTheTopic() throws StoreException {
        store.setTopic("lobby", "话题 today");

        assertThat(store.findRoom("lobby")).map(RoomRecord::topic).contains("话题 today");
    }

    @Test
    void refusesTheTopicOfAnUnknownRoom() {
        assertThatThrownBy(() -> store.setTopic("nowhere", "x"))
                .isExactlyInstanceOf(StoreException.class).hasMessageContaining("no such room");
    }

    @Test
    void addsUpdatesAndRemovesMembers() throws StoreException {
        store.putMember("lobby", "alice", Role.OWNER);
        store.putMember("lobby", "bob", Role.MEMBER);
        store.putMember("lobby", "bob", Role.OP);
        store.putMember("secret", "carol", Role.MEMBER);

        boolean removed = store.removeMember("lobby", "alice");
        boolean removedAgain = store.removeMember("lobby", "alice");

        assertThat(removed).isTrue();
        assertThat(removedAgain).isFalse();
        assertThat(store.members("lobby")).containsExactly(entry("bob", Role.OP));
        assertThat(store.members("secret")).containsExactly(entry("carol", Role.MEMBER));
    }

    @Test
    void listsTheRoomsOfAUser() throws StoreException {
        store.putMember("secret", "alice", Role.OWNER);
        store.putMember("lobby", "alice", Role.MEMBER);
        store.putMember("lobby", "bob", Role.MEMBER);

        assertThat(store.roomsOf("alice")).containsExactly("lobby", "secret");
        assertThat(store.roomsOf("bob")).containsExactly("lobby");
        assertThat(store.roomsOf("nobody")).isEmpty();
    }

    @Test
    void refusesAMemberOfAnUnknownRoom() {
        assertThatThrownBy(() -> store.putMember("nowhere", "alice", Role.MEMBER))
                .isExactlyInstanceOf(StoreException.class).hasMessageContaining("does not exist");
    }

    @Test
    void bansUntilTheGivenTime() throws StoreException {
        store.ban("lobby", "mallory", 5_000L, "alice", "spam");

        assertThat(store.isBanned("lobby", "mallory", 4_999L)).isTrue();
        assertThat(store.isBanned("lobby", "mallory", 5_000L)).isFalse();
        assertThat(store.isBanned("secret", "mallory", 1_000L)).isFalse();
        assertThat(store.isBanned("lobby", "bob", 1_000L)).isFalse();
    }

    @Test
    void bansWithoutEndUntilLifted() throws StoreException {
        store.ban("lobby", "mallory", Long.MAX_VALUE, "alice", "");

        boolean bannedFarAhead = store.isBanned("lobby", "mallory", Long.MAX_VALUE - 1);
        store.unban("lobby", "mallory");

        assertThat(bannedFarAhead).isTrue();
        assertThat(store.isBanned("lobby", "mallory", 0L)).isFalse();
    }

    @Test
    void aNewBanReplacesTheOldOne() throws StoreException {
        store.ban("lobby", "mallory", 5_000L, "alice", "spam");

        store.ban("lobby", "mallory", 9_000L, "bob", "again");

        assertThat(store.isBanned("lobby", "mallory", 8_000L)).isTrue();
    }

    @Test
    void remembersRoomInvitations() throws StoreException {
        store.invite("secret", "bob", "alice");
        store.invite("secret", "bob", "carol");

        assertThat(store.isInvited("secret", "bob")).isTrue();
        assertThat(store.isInvited("lobby", "bob")).isFalse();
        assertThat(store.isInvited("secret", "dave")).isFalse();
    }

    @Test
    void refusesABanOrInvitationForAnUnknownRoom() {
        assertThatThrownBy(() -> store.ban("nowhere", "x", 1L, "y", "z")).isExactlyInstanceOf(StoreException.class);
        assertThatThrownBy(() -> store.invite("nowhere", "x", "y")).isExactlyInstanceOf(StoreException.class);
    }
}
