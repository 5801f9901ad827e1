package org.parley.server.store;

import java.nio.file.Path;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ContentType;
import org.parley.protocol.chat.StoredMessage;

/**
 * Child-process body for {@link SqliteStoreCrashTest}: appends room and private messages from
 * three threads forever and prints {@code ack <id> ok} on stdout after each append returned, i.e.
 * after its COMMIT. The parent kills this process with SIGKILL and checks every printed id.
 */
public final class CrashingAppender {

    private CrashingAppender() {
    }

    public static void main(String[] args) throws Exception {
        SqliteStore store = SqliteStore.open(Path.of(args[0]));
        Thread[] writers = new Thread[3];
        for (int t = 0; t < writers.length; t++) {
            String sender = "writer" + t;
            writers[t] = new Thread(() -> appendForever(store, sender));
            writers[t].start();
        }
        for (Thread writer : writers) {
            writer.join();
        }
    }

    private static void appendForever(SqliteStore store, String sender) {
        try {
            for (long i = 0; ; i++) {
                Bytes body = Bytes.utf8(sender + " message " + i);
                StoredMessage stored = i % 2 == 0
                        ? store.appendRoomMessage("crash", sender, ContentType.TEXT, body, i)
                        : store.appendPrivateMessage(sender, "witness", ContentType.TEXT, body, i);
                synchronized (System.out) {
                    System.out.println("ack " + stored.id() + " ok");
                    System.out.flush();
                }
            }
        } catch (StoreException e) {
            throw new IllegalStateException("append failed", e);
        }
    }
}
