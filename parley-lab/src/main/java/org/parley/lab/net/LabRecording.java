package org.parley.lab.net;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.parley.crypto.Bytes;

/**
 * The lab's own recording format: what the attacker captured, as UTF-8 text, one frame a line.
 *
 * <pre>
 * # parley-lab recording 1
 * CONNECTION DIRECTION HEX
 * 1 C&gt;S 16056b0100056750524c59...
 * 1 S&gt;C 16048f0200048c0001...
 * </pre>
 *
 * {@code CONNECTION} is 1..10,000 (the proxy's connection number), {@code DIRECTION} is {@code C>S}
 * or {@code S>C}, {@code HEX} is the whole frame (3-byte header and payload) in lowercase hex; the
 * header's length must match the payload. Blank lines and lines starting with {@code #} after the
 * first are ignored. At most {@value #MAX_FRAMES} frames; a line is at most 2 × 65,538 + 16
 * characters, checked before it is decoded.
 */
public final class LabRecording {
    public static final String HEADER = "# parley-lab recording 1";
    public static final int MAX_FRAMES = 100_000;
    private static final int MAX_LINE = 2 * (3 + 65_535) + 16;

    private LabRecording() {
    }

    /** Writes {@code frames} to {@code file} (replacing it). */
    public static void write(Path file, List<CapturedFrame> frames) throws IOException {
        try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write(HEADER + "\n");
            for (CapturedFrame f : frames) {
                out.write(f.connection() + " " + (f.direction() == Direction.CLIENT_TO_SERVER ? "C>S" : "S>C") + " "
                        + f.bytes().toHex() + "\n");
            }
        }
    }

    /** Reads a recording; a malformed one is refused with the line and the reason. */
    public static List<CapturedFrame> read(Path file) throws IOException, RecordingFormatException {
        List<CapturedFrame> frames = new ArrayList<>();
        Map<String, Integer> nextIndex = new HashMap<>();
        int number = 1;
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String first = in.readLine();
            if (first == null || !first.equals(HEADER)) {
                throw new RecordingFormatException(1, "not a parley-lab recording (first line must be '" + HEADER + "')");
            }
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                if (frames.size() == MAX_FRAMES) {
                    throw new RecordingFormatException(number, "more than " + MAX_FRAMES + " frames");
                }
                CapturedFrame frame = parse(number, line, nextIndex);
                frames.add(frame);
            }
        } catch (java.nio.charset.MalformedInputException e) {
            throw new RecordingFormatException(number, "not UTF-8 text, so not a parley-lab recording");
        }
        return frames;
    }

    private static CapturedFrame parse(int number, String line, Map<String, Integer> nextIndex) throws RecordingFormatException {
        if (line.length() > MAX_LINE) {
            throw new RecordingFormatException(number, "line longer than any frame can be");
        }
        String[] fields = line.trim().split(" ");
        if (fields.length != 3) {
            throw new RecordingFormatException(number, "expected CONNECTION DIRECTION HEX");
        }
        int connection;
        try {
            connection = Integer.parseInt(fields[0]);
        } catch (NumberFormatException e) {
            throw new RecordingFormatException(number, "connection is not a number");
        }
        if (connection < 1 || connection > 10_000) {
            throw new RecordingFormatException(number, "connection outside 1..10000");
        }
        Direction direction = switch (fields[1]) {
            case "C>S" -> Direction.CLIENT_TO_SERVER;
            case "S>C" -> Direction.SERVER_TO_CLIENT;
            default -> throw new RecordingFormatException(number, "direction must be C>S or S>C");
        };
        byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(fields[2]);
        } catch (IllegalArgumentException e) {
            throw new RecordingFormatException(number, "frame is not hex");
        }
        if (bytes.length < 3 || (((bytes[1] & 0xff) << 8) | (bytes[2] & 0xff)) != bytes.length - 3) {
            throw new RecordingFormatException(number, "frame header length does not match the payload");
        }
        String key = connection + fields[1];
        int index = nextIndex.merge(key, 1, Integer::sum) - 1;
        return new CapturedFrame(connection, direction, index, Bytes.wrapOwned(bytes));
    }
}
