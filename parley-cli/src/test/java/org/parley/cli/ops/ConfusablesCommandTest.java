package org.parley.cli.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.cli.CliContext;
import org.parley.cli.ParleyCommands;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.server.store.AccountRecord;
import org.parley.server.store.RoomRecord;
import org.parley.server.store.SqliteStore;

/**
 * {@code parley users confusables} and {@code parley rooms confusables} list names stored by an
 * older server that now look alike or break the rules, and change nothing.
 */
class ConfusablesCommandTest {
    private static final String CYRILLIC_ALICE = "\u0430\u04CF\u0456\u0441\u0435";

    @TempDir
    Path data;

    private String run(String... args) {
        StringWriter out = new StringWriter();
        CliContext context = new CliContext(new ByteArrayInputStream(new byte[0]), new PrintWriter(out, true),
                new PrintWriter(new StringWriter(), true), Map.of(), false);
        assertThat(ParleyCommands.build(context).execute(args)).isZero();
        return out.toString();
    }

    @Test
    void listsLookAlikeUsersAndRoomsWrittenByAnOlderServerAndChangesNothing() throws Exception {
        Path file = data.resolve("parley.db");
        try (SqliteStore store = SqliteStore.open(file)) {
            store.createAccount(new AccountRecord("alice", "alice", Optional.empty(), false, 1L));
            store.createRoom(new RoomRecord("Lobby", "lobby", "", RoomVisibility.PUBLIC, "", 1L));
        }
        // Rows as an older server, without the look-alike rules, would have stored them.
        try (Connection old = DriverManager.getConnection("jdbc:sqlite:" + file);
             Statement sql = old.createStatement()) {
            sql.execute("INSERT INTO accounts (canonical, name, created_at) VALUES ('aiice', 'aIice', 2),"
                    + " ('" + CYRILLIC_ALICE + "', '" + CYRILLIC_ALICE + "', 3)");
            sql.execute("INSERT INTO rooms (canonical, name, topic, visibility, owner, created_at)"
                    + " VALUES ('lobby\u034F', 'Lobby\u034F', '', 'PUBLIC', '', 2)");
        }

        String users = run("users", "confusables", "--data", data.toString());
        String rooms = run("rooms", "confusables", "--data", data.toString());

        assertThat(users.lines()).containsExactly(
                "look alike:\taIice\talice\t" + CYRILLIC_ALICE + " [U+0430 U+04CF U+0456 U+0441 U+0435]",
                "breaks a rule:\t" + CYRILLIC_ALICE + " [U+0430 U+04CF U+0456 U+0441 U+0435]\tuser name is written"
                        + " entirely in letters that look like Latin letters; it would pass for a Latin name");
        assertThat(rooms.lines()).hasSize(2).first()
                .isEqualTo("look alike:\tLobby\tLobby\u034F [U+004C U+006F U+0062 U+0062 U+0079 U+034F]");
        assertThat(rooms.lines().skip(1).findFirst()).get().asString().contains("room name must not contain invisible");
        assertThat(run("users", "list", "--data", data.toString()).lines()).hasSize(3);
    }

    @Test
    void saysSoWhenNoNameLooksLikeAnother() throws Exception {
        try (SqliteStore store = SqliteStore.open(data.resolve("parley.db"))) {
            store.createAccount(new AccountRecord("张伟", "张伟", Optional.empty(), false, 1L));
        }
        assertThat(Files.exists(data.resolve("parley.db"))).isTrue();

        assertThat(run("users", "confusables", "--data", data.toString()))
                .isEqualTo("no user names look alike or break the current name rules" + System.lineSeparator());
    }
}
