package org.parley.lab;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.parley.crypto.Bytes;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.FrameEdits;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.Finished;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.HandshakeMessage;
import org.parley.protocol.handshake.ServerHello;
import org.parley.protocol.handshake.ServerIdentity;
import org.parley.protocol.handshake.ServerSignature;
import org.parley.protocol.suite.SuiteComponent;

/**
 * Explains a recorded session frame by frame, as a passive observer without keys can: the
 * plaintext hellos field by field (decoded with Parley's own strict decoder), encrypted records as
 * ciphertext with their sizes, plaintext alerts by name. Malformed frames are reported, never fatal.
 */
public final class FrameExplainer {
    private final LabText text;

    public FrameExplainer(LabText text) {
        this.text = text;
    }

    public List<String> explain(List<CapturedFrame> frames) {
        List<String> lines = new ArrayList<>();
        int handshake = 0;
        int encrypted = 0;
        int alerts = 0;
        for (int i = 0; i < frames.size(); i++) {
            CapturedFrame f = frames.get(i);
            lines.add(text.get("inspect.frame", String.valueOf(i), String.valueOf(f.connection()), f.direction().arrow(),
                    String.format("0x%02x", f.type()), String.valueOf(f.payloadLength())));
            Bytes payload = f.bytes().slice(3, f.bytes().length());
            switch (f.type()) {
                case 0x16 -> {
                    handshake++;
                    lines.add("    " + handshake(payload));
                }
                case 0x17 -> {
                    encrypted++;
                    lines.add("    " + text.get("inspect.encrypted", String.valueOf(f.payloadLength()),
                            FrameEdits.hexPrefix(f.bytes().slice(0, 3), 3)));
                }
                case 0x15 -> {
                    alerts++;
                    lines.add("    " + alert(payload));
                }
                default -> lines.add("    " + text.get("inspect.unknowntype"));
            }
        }
        lines.add(text.get("inspect.summary", String.valueOf(frames.size()), String.valueOf(handshake),
                String.valueOf(encrypted), String.valueOf(alerts)));
        return lines;
    }

    private String handshake(Bytes payload) {
        HandshakeMessage message;
        try {
            message = HandshakeCodec.decode(payload);
        } catch (WireFormatException e) {
            return text.get("inspect.malformed", e.getMessage(), ObservedFailure.label(e.alert()));
        }
        return switch (message) {
            case ClientHello h -> text.get("inspect.clienthello", FrameEdits.hexPrefix(h.random(), 8),
                    labels(h.offer().keyExchanges()), labels(h.offer().signatures()), labels(h.offer().ciphers()),
                    labels(h.offer().hashes()), h.keyShares().stream()
                            .map(s -> s.keyExchange().label() + " " + s.share().length() + " B").collect(Collectors.joining(", ")));
            case ServerHello h -> text.get("inspect.serverhello", FrameEdits.hexPrefix(h.random(), 8),
                    h.suite().canonicalName(), String.valueOf(h.keyExchangeResponse().length()));
            case ServerIdentity m -> text.get("inspect.otherhandshake", "ServerIdentity");
            case ServerSignature m -> text.get("inspect.otherhandshake", "ServerSignature");
            case Finished m -> text.get("inspect.otherhandshake", "Finished");
        };
    }

    private String alert(Bytes payload) {
        if (payload.length() != 1) {
            return text.get("inspect.malformed", "alert body of " + payload.length() + " bytes", ObservedFailure.label(Alert.DECODE_ERROR));
        }
        return Alert.fromCode(payload.get(0) & 0xff).map(a -> text.get("inspect.alert", ObservedFailure.label(a)))
                .orElse(text.get("inspect.malformed", "unknown alert code " + (payload.get(0) & 0xff),
                        ObservedFailure.label(Alert.DECODE_ERROR)));
    }

    private static String labels(List<? extends SuiteComponent> components) {
        return components.stream().map(SuiteComponent::label).collect(Collectors.joining(", "));
    }
}
