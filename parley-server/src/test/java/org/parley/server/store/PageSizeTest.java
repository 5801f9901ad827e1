package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/** A database the server creates gets {@link SqliteDatabase#PAGE_SIZE}-byte pages; an existing file keeps its own. */
class PageSizeTest {
    @TempDir
    Path dir;

    @Test
    void aNewDatabaseIsCreatedWithTheServersPageSizeInWriteAheadLogMode() throws StoreException {
        try (SqliteDatabase database = SqliteDatabase.open(dir.resolve("new.db"))) {
            assertThat(database.writerPragma(SqliteDatabase.Pragma.PAGE_SIZE))
                    .isEqualTo(Integer.toString(SqliteDatabase.PAGE_SIZE));
            assertThat(database.writerPragma(SqliteDatabase.Pragma.JOURNAL_MODE)).isEqualToIgnoringCase("wal");
        }
    }

    @Test
    void anExistingDatabaseWithOtherPagesKeepsThemAndItsMessages() throws Exception {
        Path old = dir.resolve("old.db");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + old)) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA page_size=4096");
                statement.execute("PRAGMA journal_mode=WAL");
            }
            SchemaMigrations.migrate(connection);
            try (Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO messages (kind, room, sender, ts, content_type, body) "
                        + "VALUES ('ROOM', 'lobby', 'Carol', 10, 'TEXT', x'6869')");
            }
        }

        try (SqliteStore store = SqliteStore.open(old)) {
            store.appendRoomMessageLater("lobby", "Dave", ContentType.TEXT, Bytes.fromHex("6f6b"), 11).join();
            assertThat(store.roomHistory("lobby", Long.MAX_VALUE, 10)).extracting(StoredMessage::from)
                    .containsExactly("Dave", "Carol");
        }
        try (SqliteDatabase database = SqliteDatabase.open(old)) {
            assertThat(database.writerPragma(SqliteDatabase.Pragma.PAGE_SIZE)).isEqualTo("4096");
        }
    }
}
