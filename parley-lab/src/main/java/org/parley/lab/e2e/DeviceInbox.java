package org.parley.lab.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.EnvelopeCodec;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.group.DeviceRef;
import org.parley.e2ee.group.RoomException;
import org.parley.e2ee.group.SenderKeyDistribution;
import org.parley.e2ee.prekey.MemoryPrekeyStore;
import org.parley.e2ee.prekey.PrekeyStoreCodec;
import org.parley.e2ee.session.Session;
import org.parley.e2ee.session.SessionCodec;
import org.parley.e2ee.session.SessionStart;

/**
 * What the server queued for one device, opened with that device's own keys, as the owner of the
 * device can: the lab uses it for the operator's device, whose directory it holds, to tell a room
 * key that reached the operator from anything else queued for it (a private message, the
 * placeholder of a sender that left the device out). The device's files are those of E2EE.md 20.1
 * ({@code device.keys}, {@code prekeys}, {@code sessions/}); they are read, never written: the
 * sessions and one-time prekeys an opening uses up change only this object's copies.
 *
 * <p><b>Security.</b> Only the kind of each envelope leaves this class, with the room and sender of a
 * room key; no key or text does (a distribution's chain key is wiped as soon as it is classified).
 */
public final class DeviceInbox {
    private final DeviceKeys keys;
    private final MemoryPrekeyStore prekeys;
    private final List<Session> sessions;

    /** What one queued envelope turned out to be. */
    public sealed interface Opened {
        /** A sender-key distribution: the keys of {@code sender}'s chain in {@code room}. */
        record RoomKey(String room, DeviceRef sender) implements Opened {
        }

        /** A private text message. */
        record Text(String from) implements Opened {
        }

        /** The one byte {@code 0x00} a sender queues for a device it could not encrypt for (E2EE.md 20.3). */
        record Placeholder(String from) implements Opened {
        }

        /** Not opened with this device's keys, or not a well-formed inner message or distribution. */
        record Unreadable(String from, String why) implements Opened {
        }
    }

    /** A device from its keys, prekeys and the sessions it holds (each used up by the openings). */
    public DeviceInbox(DeviceKeys keys, MemoryPrekeyStore prekeys, List<Session> sessions) {
        this.keys = keys;
        this.prekeys = prekeys;
        this.sessions = new ArrayList<>(sessions);
    }

    /** The one device whose directory lies under {@code base} (a client's base directory), read from its files. */
    public static DeviceInbox read(Path base) throws IOException {
        Path directory = DeviceFiles.directory(base);
        DeviceKeys keys = DeviceFiles.keys(base);
        try {
            Path prekeyFile = directory.resolve("prekeys");
            MemoryPrekeyStore prekeys = Files.exists(prekeyFile)
                    ? PrekeyStoreCodec.decode(SecretBytes.wrapOwned(Files.readAllBytes(prekeyFile))) : new MemoryPrekeyStore();
            List<Session> sessions = new ArrayList<>();
            Path sessionDirectory = directory.resolve("sessions");
            if (Files.isDirectory(sessionDirectory)) {
                try (Stream<Path> files = Files.list(sessionDirectory)) {
                    for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                        sessions.add(SessionCodec.decode(SecretBytes.wrapOwned(Files.readAllBytes(file))));
                    }
                }
            }
            return new DeviceInbox(keys, prekeys, sessions);
        } catch (E2eeException e) {
            throw new IOException("the end-to-end device in " + directory + " is unreadable: " + e.getMessage(), e);
        }
    }

    /** Opens {@code queued} in order, as the device would receive it. */
    public List<Opened> open(List<MaliciousOperator.Queued> queued) {
        List<Opened> opened = new ArrayList<>();
        for (MaliciousOperator.Queued envelope : queued) {
            opened.add(open(envelope));
        }
        return opened;
    }

    private Opened open(MaliciousOperator.Queued queued) {
        byte[] bytes = queued.envelope();
        if (bytes.length == 1 && bytes[0] == 0) {
            return new Opened.Placeholder(queued.sender());
        }
        InnerMessage inner;
        try {
            inner = decrypt(EnvelopeCodec.decode(Bytes.copyOf(bytes)));
        } catch (E2eeException e) {
            return new Opened.Unreadable(queued.sender(), e.error().name());
        }
        return switch (inner.contentType()) {
            case TEXT -> new Opened.Text(queued.sender());
            case SENDER_KEY -> {
                try {
                    SenderKeyDistribution distribution = SenderKeyDistribution.from(inner);
                    distribution.chainKey().destroy();
                    yield new Opened.RoomKey(distribution.roomId(), distribution.sender());
                } catch (RoomException e) {
                    yield new Opened.Unreadable(queued.sender(), e.error().name());
                }
            }
        };
    }

    /** As the client does (E2EE.md 20.4): a session the envelope belongs to, else a session start. */
    private InnerMessage decrypt(Envelope envelope) throws E2eeException {
        E2eeException first = null;
        for (Session session : sessions) {
            if (session.belongsHere(envelope)) {
                try {
                    return session.decrypt(envelope);
                } catch (E2eeException e) {
                    first = first == null ? e : first;
                }
            }
        }
        if (first != null) {
            throw first;
        }
        if (!(envelope instanceof Envelope.Prekey start)) {
            throw new E2eeException(E2eeError.PROTOCOL_VIOLATION, "a message for a session this device does not have");
        }
        SessionStart.Accepted accepted = SessionStart.accept(keys, prekeys, start, Optional.empty());
        sessions.add(accepted.session());
        return accepted.firstMessage();
    }
}
