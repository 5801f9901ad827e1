package org.parley.lab.capture;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.lab.Phrase;
import org.parley.lab.net.LabRecording;
import org.parley.lab.net.RecordingFormatException;

/**
 * Reads what {@code parley inspect} is given: a pcap or pcapng capture (tcpdump, Wireshark, {@code parley
 * lab run --pcap}) or a lab recording ({@code --record}). A capture file is at most {@value #MAX_FILE}
 * bytes, checked before it is read. Everything that cannot be used (a malformed packet, a connection
 * that is not Parley, a gap) becomes a note and the rest is still read; only a file that is none of
 * the three formats, or a malformed lab recording, is refused.
 */
public final class CaptureReader {
    public static final long MAX_FILE = 512L * 1024 * 1024;

    private CaptureReader() {
    }

    public static Capture read(Path file) throws IOException, CaptureFormatException {
        long size = Files.size(file);
        if (size > MAX_FILE) {
            throw new CaptureFormatException(0, Phrase.of("capture.file-too-big", size, MAX_FILE));
        }
        byte[] bytes = Files.readAllBytes(file);
        if (PcapFiles.looksLikeCapture(bytes)) {
            return fromCapture(bytes);
        }
        byte[] header = LabRecording.HEADER.getBytes(StandardCharsets.UTF_8);
        if (bytes.length >= header.length && java.util.Arrays.equals(bytes, 0, header.length, header, 0, header.length)) {
            try {
                return new Capture(LabRecording.read(file), List.of());
            } catch (RecordingFormatException e) {
                throw new CaptureFormatException(0, Phrase.of("capture.recording", e.getMessage()));
            }
        }
        throw new CaptureFormatException(0, Phrase.of("capture.unknown-file"));
    }

    /** The Parley frames of a pcap or pcapng file held in memory (what the fuzz target feeds). */
    public static Capture fromCapture(byte[] bytes) throws CaptureFormatException {
        List<LinkPacket> packets = new ArrayList<>();
        List<Phrase> notes = new ArrayList<>();
        Optional<CaptureFormatException> cut = Optional.empty();
        try {
            PcapFiles.read(bytes, packets);
        } catch (CaptureFormatException e) {
            if (packets.isEmpty() && e.packet() == 0) {
                throw e;
            }
            cut = Optional.of(e);
        }
        TcpReassembly streams = new TcpReassembly();
        int notTcp = 0;
        for (LinkPacket packet : packets) {
            try {
                Optional<TcpSegment> segment = PacketDecoder.decode(packet);
                if (segment.isPresent()) {
                    streams.add(segment.get());
                } else {
                    notTcp++;
                }
            } catch (CaptureFormatException e) {
                notes.add(Phrase.of(e.packet() == 0 ? "capture.header.skipped" : "capture.packet.skipped", e.packet(), e.reason().nested()));
            }
        }
        cut.ifPresent(e -> notes.add(Phrase.of(e.packet() == 0 ? "capture.header.cut" : "capture.packet.cut", e.packet(), e.reason().nested())));
        if (notTcp > 0) {
            notes.add(Phrase.of("capture.not-tcp", notTcp));
        }
        Capture capture = streams.finish();
        notes.addAll(capture.notes());
        return new Capture(capture.frames(), notes);
    }
}
