package org.parley.client.e2ee;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.parley.crypto.SecretBytes;

/** Test access to outbox files (docs/E2EE.md 20.1): what a device stopped in the middle of a write leaves. */
public final class OutboxFiles {
    private OutboxFiles() {
    }

    /**
     * Rewrites the outbox file {@code entry} as {@link SendOutbox#prepare} writes it, carrying the
     * session {@code state} for {@code sessionFile}: as the device left it if it stopped before it
     * stored that session.
     */
    public static void prepared(Path entry, String sessionFile, byte[] state) throws Exception {
        PendingSendCodec.Decoded decoded = PendingSendCodec.decode(Files.readAllBytes(entry));
        Files.write(entry, PendingSendCodec.encode((PendingSend) decoded.send(),
                List.of(new PendingSendCodec.Redo(sessionFile, SecretBytes.copyOf(state)))));
    }

    /** The send id (hex) of the outbox file {@code entry}. */
    public static String sendId(Path entry) throws Exception {
        return PendingSendCodec.decode(Files.readAllBytes(entry)).send().sendId().value().toHex();
    }
}
