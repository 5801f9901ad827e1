package org.parley.client.e2ee.room;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.parley.client.e2ee.DeviceDirectory;
import org.parley.crypto.Bytes;

/**
 * The room envelopes waiting for their sender's chain, per room ({@code rooms/<room>/pending},
 * docs/E2EE.md 20.7): one line per envelope, {@code server_id TAB hex(sender) TAB base64(envelope)}.
 * A new envelope is appended (one line, fsynced), not written with all the others: a room's
 * waiting envelopes can reach megabytes (200 of up to about 22 KB), and any member, or the server,
 * can send envelopes of chains this device does not hold. The newest {@value #MAX_PENDING} count;
 * once the file holds twice that many lines it is written anew with them (atomically). The server
 * ids of the lines are kept in memory per room once read, so an envelope already waiting is known
 * without reading the file. Worker thread only.
 */
final class PendingEnvelopes {
    /** Envelopes kept per room while their sender's distribution has not arrived; the oldest go first. */
    static final int MAX_PENDING = 200;

    private final DeviceDirectory directory;
    /** Per room read this run: the server id of every line of its file, in file order. */
    private final Map<String, List<Long>> lines = new HashMap<>();

    PendingEnvelopes(DeviceDirectory directory) {
        this.directory = directory;
    }

    /** The newest {@value #MAX_PENDING} waiting envelopes, oldest first, each server id once. */
    List<RoomStore.Pending> read(String room, String file) throws IOException {
        List<Long> ids = new ArrayList<>();
        List<RoomStore.Pending> all = new ArrayList<>();
        directory.forEachAppendedLine(file, line -> {
            Optional<RoomStore.Pending> pending = parse(line);
            ids.add(pending.map(RoomStore.Pending::serverId).orElse(-1L));
            pending.ifPresent(all::add);
        });
        lines.put(room, ids);
        return newest(all);
    }

    /** Adds {@code pending} unless an envelope with its server id is already waiting; true if added. */
    boolean add(String room, String file, RoomStore.Pending pending) throws IOException {
        List<Long> ids = lines.get(room);
        if (ids == null) {
            read(room, file);
            ids = lines.get(room);
        }
        int from = Math.max(0, ids.size() - MAX_PENDING);
        if (ids.subList(from, ids.size()).contains(pending.serverId())) {
            return false;
        }
        directory.appendLine(file, format(pending));
        ids.add(pending.serverId());
        if (ids.size() >= 2 * MAX_PENDING) {
            replace(room, file, read(room, file));
        }
        return true;
    }

    /** Writes the file anew with the newest {@value #MAX_PENDING} of {@code pending} (atomically). */
    void replace(String room, String file, List<RoomStore.Pending> pending) throws IOException {
        List<RoomStore.Pending> kept = newest(pending);
        StringBuilder out = new StringBuilder();
        List<Long> ids = new ArrayList<>();
        for (RoomStore.Pending p : kept) {
            out.append(format(p)).append('\n');
            ids.add(p.serverId());
        }
        directory.write(file, out.toString().getBytes(StandardCharsets.US_ASCII));
        lines.put(room, ids);
    }

    /** True if the room has no waiting envelope, known without reading its file when it was read or written this run. */
    boolean knownEmpty(String room) {
        List<Long> ids = lines.get(room);
        return ids != null && ids.isEmpty();
    }

    private static List<RoomStore.Pending> newest(List<RoomStore.Pending> pending) {
        Map<Long, RoomStore.Pending> once = new java.util.LinkedHashMap<>();
        for (RoomStore.Pending p : pending) {
            once.putIfAbsent(p.serverId(), p);
        }
        List<RoomStore.Pending> unique = new ArrayList<>(once.values());
        return unique.size() > MAX_PENDING ? List.copyOf(unique.subList(unique.size() - MAX_PENDING, unique.size())) : unique;
    }

    private static String format(RoomStore.Pending p) {
        return p.serverId() + "\t" + HexFormat.of().formatHex(p.from().getBytes(StandardCharsets.UTF_8)) + "\t"
                + Base64.getEncoder().encodeToString(p.envelope().toByteArray());
    }

    private static Optional<RoomStore.Pending> parse(String line) {
        String[] parts = line.split("\t", -1);
        if (parts.length != 3) {
            return Optional.empty();
        }
        try {
            return Optional.of(new RoomStore.Pending(Long.parseLong(parts[0]),
                    new String(HexFormat.of().parseHex(parts[1]), StandardCharsets.UTF_8),
                    Bytes.wrapOwned(Base64.getDecoder().decode(parts[2]))));
        } catch (IllegalArgumentException e) {
            return Optional.empty(); // an unreadable line is skipped; it holds only a ciphertext
        }
    }
}
