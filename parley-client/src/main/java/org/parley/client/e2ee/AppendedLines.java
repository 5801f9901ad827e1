package org.parley.client.e2ee;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reading and repairing a file written one line at a time by {@link DeviceDirectory#appendLine}
 * (a history): it grows for as long as the conversation lasts, so it is streamed, never read
 * whole, and only a line is bounded.
 */
final class AppendedLines {
    /**
     * The longest line read: a history line is at most about 23 KB (the base64 of an inner
     * message's body of at most 16,356 bytes, docs/E2EE.md 14, and its other fields).
     */
    static final int MAX_LINE_BYTES = 65_536;
    private static final int CHUNK = 8_192;

    private AppendedLines() {
    }

    /**
     * Gives each complete line of {@code file} (none if it does not exist) to {@code action}, in
     * order, reading at most {@code maxLineBytes} of any line: a longer line is skipped whole,
     * as is a last line without its newline (cut by a crash during an append; a cut line can still
     * look whole, base64 text cut at a 4-character boundary). Returns how many lines were skipped
     * for their length.
     */
    static int forEach(Path file, int maxLineBytes, Consumer<String> action) throws IOException {
        int skipped = 0;
        try (InputStream in = Files.newInputStream(file)) {
            byte[] chunk = new byte[CHUNK];
            ByteArrayOutputStream line = new ByteArrayOutputStream();
            boolean tooLong = false;
            int read;
            while ((read = in.read(chunk)) >= 0) {
                int from = 0;
                for (int i = 0; i < read; i++) {
                    if (chunk[i] != '\n') {
                        continue;
                    }
                    tooLong = tooLong || line.size() + (i - from) > maxLineBytes;
                    if (tooLong) {
                        skipped++;
                    } else {
                        line.write(chunk, from, i - from);
                        action.accept(line.toString(StandardCharsets.UTF_8));
                    }
                    line.reset();
                    tooLong = false;
                    from = i + 1;
                }
                tooLong = tooLong || line.size() + (read - from) > maxLineBytes;
                if (tooLong) {
                    line.reset(); // the rest of this line is skipped, not kept
                } else {
                    line.write(chunk, from, read - from);
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        }
        return skipped;
    }

    /**
     * Cuts a last line left without its newline by a crash during an append, so that the next line
     * starts on its own instead of being glued to the cut one (and lost with it). Looks for the
     * last newline backwards, a chunk at a time.
     */
    static void dropTornTail(FileChannel channel) throws IOException {
        long size = channel.size();
        if (size == 0) {
            return;
        }
        ByteBuffer chunk = ByteBuffer.allocate(CHUNK);
        long end = size;
        while (end > 0) {
            long start = Math.max(0, end - CHUNK);
            chunk.clear().limit((int) (end - start));
            while (chunk.hasRemaining() && channel.read(chunk, start + chunk.position()) >= 0) {
                // read the whole chunk
            }
            for (int i = chunk.position() - 1; i >= 0; i--) {
                if (chunk.get(i) == '\n') {
                    if (start + i + 1 < size) {
                        channel.truncate(start + i + 1);
                    }
                    return;
                }
            }
            end = start;
        }
        channel.truncate(0);
    }
}
