package org.parley.client.e2ee;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.parley.crypto.SecretBytes;

/**
 * The device's write-ahead outbox of private end-to-end, encrypted-room and plaintext-room sends
 * (docs/E2EE.md 20.1, 20.3): one
 * owner-only file {@code outbox/<n>} per send not yet answered, {@code n} 20 decimal digits that
 * give the order of first tries. A send is {@link #prepare prepared} with the sessions its
 * encryption advanced, those sessions are stored, then it is {@link #commit committed} (written
 * again without them) before its request is written, and {@link #delete deleted} once it has a
 * definite outcome. Used on the device's worker, except for plaintext-room sends, which
 * {@link PlainRoomOutbox} keeps and deletes on its own thread: file numbers are given under this
 * object's lock.
 */
final class SendOutbox {
    static final String DIRECTORY = "outbox";
    /** Where an outbox file that does not decode is moved, kept for inspection and never sent. */
    static final String UNREADABLE_SUFFIX = ".unreadable";
    /** An entry's file name, or that of one set aside ({@link #UNREADABLE_SUFFIX}). */
    private static final Pattern NUMBERED = Pattern.compile("([0-9]{20})(\\.unreadable)?");

    private final DeviceDirectory directory;
    private long last;

    /** One stored send, by its file. */
    record Entry(String file, OutboxSend send) {
    }

    /** An outbox file set aside because it does not decode. */
    record Unreadable(String file, OutboxFormatException problem) {
    }

    /** What {@link #load} found: the sends in order, and the files set aside. */
    record Loaded(List<Entry> entries, List<Unreadable> unreadable) {
    }

    SendOutbox(DeviceDirectory directory) {
        this.directory = directory;
    }

    /**
     * Reads every outbox file in order. A send still carrying the sessions its encryption
     * advanced (the device stopped between {@link #prepare} and {@link #commit}) has them stored
     * now and is committed, so that no message key it used is ever used again. A file that does
     * not decode is renamed {@code <n>.unreadable} and reported; the others still load.
     */
    synchronized Loaded load() throws IOException {
        Path folder = directory.root().resolve(DIRECTORY);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(folder)) {
            try (Stream<Path> files = Files.list(folder)) {
                files.map(file -> file.getFileName().toString()).forEach(name -> {
                    Matcher numbered = NUMBERED.matcher(name);
                    if (numbered.matches()) {
                        // A set-aside file's number is never given again, so no set-aside file is overwritten.
                        last = Math.max(last, Long.parseLong(numbered.group(1)));
                        if (numbered.group(2) == null) {
                            names.add(name);
                        }
                    }
                });
            }
        }
        names.sort(null);
        List<Entry> entries = new ArrayList<>();
        List<Unreadable> unreadable = new ArrayList<>();
        for (String name : names) {
            String file = DIRECTORY + "/" + name;
            Optional<byte[]> content;
            try {
                content = directory.read(file, PendingSendCodec.MAX_BYTES);
            } catch (FileTooLargeException e) {
                // Not read past the largest entry there can be: set aside like any file that does not decode.
                setAside(file, unreadable, new OutboxFormatException(OutboxFormatException.Reason.TOO_LARGE, e.getMessage()));
                continue;
            }
            if (content.isEmpty()) {
                continue;
            }
            PendingSendCodec.Decoded decoded;
            try {
                decoded = PendingSendCodec.decode(content.get());
                for (PendingSendCodec.Redo redo : decoded.redo()) {
                    LocalState.checkSession(redo.state());
                }
            } catch (OutboxFormatException e) {
                setAside(file, unreadable, e);
                continue;
            }
            if (!decoded.redo().isEmpty()) {
                for (PendingSendCodec.Redo redo : decoded.redo()) {
                    try (SecretBytes state = redo.state()) {
                        directory.write(redo.file(), state.revealCopy());
                    }
                }
                commit(file, (PendingSend) decoded.send());
            }
            entries.add(new Entry(file, decoded.send()));
        }
        return new Loaded(entries, unreadable);
    }

    private void setAside(String file, List<Unreadable> unreadable, OutboxFormatException problem) throws IOException {
        directory.move(file, file + UNREADABLE_SUFFIX);
        unreadable.add(new Unreadable(file, problem));
    }

    /** Writes {@code send} with the sessions its encryption advanced (not stored yet); returns its file. */
    String prepare(PendingSend send, List<PendingSendCodec.Redo> redo) throws IOException {
        String file = next();
        directory.write(file, PendingSendCodec.encode(send, redo));
        return file;
    }

    /** The file of the next entry: numbers are never given twice, whichever thread writes. */
    private synchronized String next() {
        last++;
        return DIRECTORY + "/" + String.format("%020d", last);
    }

    /**
     * Writes an encrypted-room send (before its room state is stored: a start that finds it
     * abandons that room's sender chain, docs/E2EE.md 20.7); returns its file.
     */
    String keep(PendingRoomSend send) throws IOException {
        String file = next();
        directory.write(file, PendingSendCodec.encode(send));
        return file;
    }

    /**
     * Writes a plaintext-room send before its request is written; returns its file. Fails with
     * {@link IllegalArgumentException}, writing nothing, for a room name or text over its bound.
     */
    String keep(PendingPlainSend send) throws IOException {
        byte[] content = PendingSendCodec.encode(send);
        String file = next();
        directory.write(file, content);
        return file;
    }

    /** Writes {@code send} again without the sessions: they are stored. */
    void commit(String file, PendingSend send) throws IOException {
        directory.write(file, PendingSendCodec.encode(send, List.of()));
    }

    /** The send has a definite outcome: it is never sent again. */
    void delete(String file) throws IOException {
        directory.deleteDurably(file);
    }
}
