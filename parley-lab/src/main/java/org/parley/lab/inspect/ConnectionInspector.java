package org.parley.lab.inspect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.IncrementalHash;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.SecretBytes;
import org.parley.lab.ObservedFailure;
import org.parley.lab.Phrase;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.RecordException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.Finished;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.HandshakeMessage;
import org.parley.protocol.handshake.ServerHello;
import org.parley.protocol.handshake.ServerIdentity;
import org.parley.protocol.handshake.ServerSignature;
import org.parley.protocol.record.Frame;
import org.parley.protocol.record.FrameType;
import org.parley.protocol.record.InnerRecord;
import org.parley.protocol.record.LabeledHkdf;
import org.parley.protocol.record.RecordLimits;
import org.parley.protocol.record.RecordReader;
import org.parley.protocol.suite.CipherSuite;

/**
 * Follows one connection as its frames come, the way the two ends do (PROTOCOL.md 5, 9, 10) but
 * passively: the transcript hash after each handshake message, the key schedule recomputed from the
 * key log and compared with it, the server's signature and both Finished messages recomputed, and
 * every record opened with the logged traffic secrets. Without the connection's secrets it shows
 * what a network observer sees. Nothing here throws on bad input: every problem becomes a ✘ or a note.
 */
final class ConnectionInspector {
    private final Optional<KeyLog> keyLog;
    private final List<Bytes> beforeSuite = new ArrayList<>();
    private Optional<KeyLog.Secrets> secrets = Optional.empty();
    private Optional<CipherSuite> suite = Optional.empty();
    private LabeledHkdf hkdf;
    private IncrementalHash transcript;
    private Optional<ServerIdentity> identity = Optional.empty();
    private Optional<RecordReader> fromClient = Optional.empty();
    private Optional<RecordReader> fromServer = Optional.empty();
    private Optional<SecretBytes> handshakeSecret = Optional.empty();
    private Optional<SecretBytes> pendingClient = Optional.empty();

    ConnectionInspector(Optional<KeyLog> keyLog) {
        this.keyLog = keyLog;
    }

    InspectedFrame explain(int number, CapturedFrame frame) {
        List<Detail> details = new ArrayList<>();
        Bytes payload = frame.bytes().slice(Frame.HEADER_LENGTH, frame.bytes().length());
        details.add(Detail.of(Detail.Kind.FIELD, "inspect.header", String.format("0x%02x", frame.type()), frame.payloadLength()));
        Phrase title = switch (frame.type()) {
            case 0x16 -> plaintextHandshake(payload, details);
            case 0x15 -> Phrase.of("inspect.title.alert-plain", alert(payload));
            case 0x17 -> encrypted(frame, payload, details);
            default -> Phrase.of("inspect.title.unknown");
        };
        return new InspectedFrame(number, frame, title, details);
    }

    private Phrase plaintextHandshake(Bytes payload, List<Detail> details) {
        HandshakeMessage message;
        try {
            message = HandshakeCodec.decode(payload);
        } catch (WireFormatException e) {
            details.add(Detail.check(false, "inspect.decoder-refuses", e.getMessage()));
            return Phrase.of("inspect.title.malformed-alert", ObservedFailure.label(e.alert()));
        }
        details.addAll(HandshakeFields.describe(message, payload.length(), Frame.HEADER_LENGTH));
        switch (message) {
            case ClientHello hello -> {
                beforeSuite.clear();
                beforeSuite.add(payload);
                String random = hello.random().toHex();
                secrets = keyLog.flatMap(log -> log.connection(random));
                if (keyLog.isPresent()) {
                        details.add(Detail.note(secrets.isPresent() ? "inspect.keylog.found" : "inspect.keylog.missing"));
                }
            }
            case ServerHello hello -> serverHello(hello, payload, details);
            case ServerIdentity m -> details.add(Detail.check(false, "inspect.must-be-encrypted", "ServerIdentity"));
            case ServerSignature m -> details.add(Detail.check(false, "inspect.must-be-encrypted", "ServerSignature"));
            case Finished m -> details.add(Detail.check(false, "inspect.must-be-encrypted", "Finished"));
        }
        return Phrase.of("inspect.title.plaintext", message.getClass().getSimpleName());
    }

    private void serverHello(ServerHello hello, Bytes payload, List<Detail> details) {
        if (beforeSuite.isEmpty()) {
            details.add(Detail.note("inspect.no-client-hello"));
            return;
        }
        CipherSuite chosen = hello.suite();
        suite = Optional.of(chosen);
        hkdf = new LabeledHkdf(chosen.hash().algorithm().create());
        transcript = hkdf.hash().start();
        byte[] name = chosen.canonicalName().getBytes(StandardCharsets.UTF_8);
        transcript.update(Bytes.concat(Bytes.wrapOwned(new byte[] {(byte) name.length}), Bytes.wrapOwned(name)));
        beforeSuite.forEach(transcript::update);
        transcript.update(payload);
        Bytes th = transcript.snapshot();
        details.add(Detail.of(Detail.Kind.TRANSCRIPT, "inspect.th.server-hello", chosen.canonicalName(), th.toHex()));
        secrets.ifPresent(s -> new KeyScheduleCheck(hkdf, s, details).handshake(th).ifPresent(keys -> {
            handshakeSecret = keys.from();
            fromClient = Optional.of(reader(keys.client()));
            fromServer = Optional.of(reader(keys.server()));
        }));
    }

    private RecordReader reader(SecretBytes trafficSecret) {
        RecordReader reader = new RecordReader(hkdf, suite.orElseThrow().cipher().algorithm().create(),
                SecretBytes.copyOf(trafficSecret.revealCopy()), RecordLimits.defaults());
        // The inspector shows whatever is on the wire: batch records too, sent to clients that opted in.
        reader.acceptBatches(true);
        return reader;
    }

    private Phrase encrypted(CapturedFrame frame, Bytes payload, List<Detail> details) {
        Optional<RecordReader> reader = frame.direction() == Direction.CLIENT_TO_SERVER ? fromClient : fromServer;
        details.add(Detail.of(Detail.Kind.CONTENT, "inspect.ciphertext", HandshakeFields.hex(payload, 32)));
        if (reader.isEmpty()) {
            return Phrase.of("inspect.title.hidden", payload.length());
        }
        InnerRecord record;
        try {
            record = reader.get().open(new Frame(FrameType.ENCRYPTED, payload));
        } catch (RecordException | RuntimeException e) {
            details.add(Detail.check(false, "inspect.does-not-open", e.getMessage()));
            return Phrase.of("inspect.title.unopened");
        }
        details.add(Detail.check(true, "inspect.tag-ok", record.type(), record.content().length()));
        return switch (record.type()) {
            case HANDSHAKE -> encryptedHandshake(frame.direction(), record.content(), details);
            case ALERT -> Phrase.of("inspect.title.alert-encrypted", alert(record.content()));
            case KEY_UPDATE -> {
                reader.get().updateKeys();
                details.add(Detail.of(Detail.Kind.KEY_SCHEDULE, "inspect.key-update"));
                yield Phrase.of("inspect.title.keyupdate");
            }
            case APPLICATION_FINAL, APPLICATION_CONTINUED, APPLICATION_BATCH -> {
                details.add(Detail.of(Detail.Kind.CONTENT, "inspect.plaintext", HandshakeFields.hex(record.content(), 48),
                        printable(record.content())));
                yield Phrase.of("inspect.title.application", record.type());
            }
        };
    }

    private Phrase encryptedHandshake(Direction direction, Bytes content, List<Detail> details) {
        HandshakeMessage message;
        try {
            message = HandshakeCodec.decode(content);
        } catch (WireFormatException e) {
            details.add(Detail.check(false, "inspect.decoder-refuses", e.getMessage()));
            return Phrase.of("inspect.title.malformed");
        }
        details.addAll(HandshakeFields.describe(message, content.length(), 0));
        Bytes before = transcript.snapshot();
        switch (message) {
            case ServerIdentity m -> identity = Optional.of(m);
            case ServerSignature m -> details.add(signature(m, before));
            case Finished m -> finished(direction, m, before, details);
            case ClientHello m -> details.add(Detail.check(false, "inspect.never-encrypted", "ClientHello"));
            case ServerHello m -> details.add(Detail.check(false, "inspect.never-encrypted", "ServerHello"));
        }
        transcript.update(content);
        Bytes after = transcript.snapshot();
        details.add(Detail.of(Detail.Kind.TRANSCRIPT, "inspect.th", message.getClass().getSimpleName(), after.toHex()));
        if (message instanceof Finished && direction == Direction.SERVER_TO_CLIENT) {
            secrets.ifPresent(s -> new KeyScheduleCheck(hkdf, s, details).application(handshakeSecret, after)
                    .ifPresent(keys -> {
                        fromServer = Optional.of(reader(keys.server()));
                        pendingClient = Optional.of(keys.client());
                    }));
        }
        return Phrase.of("inspect.title.encrypted", message.getClass().getSimpleName());
    }

    private Detail signature(ServerSignature m, Bytes transcriptHash) {
        if (identity.isEmpty()) {
            return Detail.check(false, "inspect.no-identity");
        }
        Bytes signed = Bytes.concat(Bytes.utf8(" ".repeat(64) + "Parley v1 server signature\0"), transcriptHash);
        try {
            boolean valid = identity.get().algorithm().algorithm().create().verify(identity.get().publicKey(), signed, m.signature());
            return Detail.check(valid, valid ? "inspect.signature.ok" : "inspect.signature.bad");
        } catch (InvalidKeyMaterialException e) {
            return Detail.check(false, "inspect.identity-malformed", e.getMessage());
        }
    }

    private void finished(Direction direction, Finished m, Bytes transcriptHash, List<Detail> details) {
        String label = direction == Direction.SERVER_TO_CLIENT ? "s hs traffic" : "c hs traffic";
        Optional<SecretBytes> base = secrets.flatMap(s -> s.get(label));
        if (base.isEmpty()) {
            details.add(Detail.note("inspect.finished.nolog", label));
            return;
        }
        Bytes expected;
        try (SecretBytes key = hkdf.expand(base.get(), "finished")) {
            expected = hkdf.hash().hmac(key, transcriptHash);
        }
        boolean valid = expected.constantTimeEquals(m.verifyData());
        details.add(valid ? Detail.check(true, "inspect.finished.ok", label)
                : Detail.check(false, "inspect.finished.bad", label, HandshakeFields.hex(expected, 16)));
        if (direction == Direction.CLIENT_TO_SERVER) {
            pendingClient.ifPresent(secret -> fromClient = Optional.of(reader(secret)));
        }
    }

    private static String alert(Bytes body) {
        if (body.length() != 1) {
            return "@inspect.alert.malformed|" + body.length();
        }
        return Alert.fromCode(body.get(0) & 0xff).map(ObservedFailure::label).orElse("@inspect.alert.unknown|" + (body.get(0) & 0xff));
    }

    private static String printable(Bytes content) {
        String text = new String(content.slice(0, Math.min(content.length(), 96)).toByteArray(), StandardCharsets.UTF_8);
        return text.codePoints().map(c -> Character.isISOControl(c) || c == 0xfffd ? '.' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
