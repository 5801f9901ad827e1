package org.parley.lab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.crypto.Bytes;
import org.parley.lab.LabText;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;

/**
 * The capture reader on real-shaped input: the lab's pcap, the same packets as pcapng and behind a Linux
 * cooked header, reordered and retransmitted segments, a cut file, foreign traffic, and files that are
 * no capture at all. Bad input is a note or a typed error naming the packet, never a crash.
 */
class CaptureReaderTest {
    private static final LabText EN = LabText.forLocale(Locale.ENGLISH);
    private static final LabText ZH = LabText.forLocale(Locale.SIMPLIFIED_CHINESE);
    @TempDir
    Path dir;

    private List<CapturedFrame> frames;
    private List<byte[]> ethernetPackets;

    @BeforeEach
    void writeAPcapOfThreeFrames() throws Exception {
        frames = List.of(
                new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0, frame(0x16, "01000002aabb")),
                new CapturedFrame(1, Direction.SERVER_TO_CLIENT, 0, frame(0x16, "0200000100")),
                new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 1, frame(0x17, "00112233445566778899")));
        Path pcap = dir.resolve("three.pcap");
        PcapWriter.write(pcap, frames, Instant.EPOCH);
        ethernetPackets = PcapFiles.read(Files.readAllBytes(pcap)).stream().map(LinkPacket::data).toList();
    }

    private static Bytes frame(int type, String payloadHex) {
        byte[] payload = HexFormat.of().parseHex(payloadHex);
        byte[] frame = new byte[3 + payload.length];
        frame[0] = (byte) type;
        frame[1] = (byte) (payload.length >> 8);
        frame[2] = (byte) payload.length;
        System.arraycopy(payload, 0, frame, 3, payload.length);
        return Bytes.wrapOwned(frame);
    }

    @Test
    void theLabsPcapAndTheSamePacketsAsPcapngGiveTheSameFrames() throws Exception {
        assertThat(CaptureReader.fromCapture(Captures.pcap(1, ethernetPackets)).frames()).isEqualTo(frames);
        Capture pcapng = CaptureReader.fromCapture(Captures.pcapng(1, ethernetPackets));
        assertThat(pcapng.frames()).isEqualTo(frames);
        assertThat(pcapng.notes()).isEmpty();
    }

    @Test
    void aLinuxCookedCaptureIsReadLikeEthernet() throws Exception {
        List<byte[]> cooked = ethernetPackets.stream().map(p -> {
            byte[] out = new byte[p.length + 2];
            out[14] = 0x08;
            System.arraycopy(p, 14, out, 16, p.length - 14);
            return out;
        }).toList();
        assertThat(CaptureReader.fromCapture(Captures.pcap(113, cooked)).frames()).isEqualTo(frames);
    }

    @Test
    void reorderedAndRetransmittedSegmentsAreReassembledInSequenceOrder() throws Exception {
        List<byte[]> shuffled = new ArrayList<>(ethernetPackets);
        // Packets: SYN, SYN-ACK, ACK, frame 0, frame 1, frame 2. Swap the client's two data packets
        // around the server's and send the first one twice.
        shuffled.set(3, ethernetPackets.get(5));
        shuffled.set(5, ethernetPackets.get(3));
        shuffled.add(ethernetPackets.get(3));
        Capture capture = CaptureReader.fromCapture(Captures.pcap(1, shuffled));
        assertThat(capture.frames()).extracting(CapturedFrame::bytes)
                .containsExactlyInAnyOrder(frames.get(0).bytes(), frames.get(1).bytes(), frames.get(2).bytes());
        assertThat(capture.frames()).filteredOn(f -> f.direction() == Direction.CLIENT_TO_SERVER)
                .extracting(CapturedFrame::bytes).containsExactly(frames.get(0).bytes(), frames.get(2).bytes());
        assertThat(capture.notes()).isEmpty();
    }

    @Test
    void aCutFileKeepsTheFramesBeforeTheCutAndSaysWhichPacketWasCut() throws Exception {
        byte[] whole = Captures.pcap(1, ethernetPackets);
        Capture capture = CaptureReader.fromCapture(Arrays.copyOf(whole, whole.length - 5));
        assertThat(capture.frames()).containsExactly(frames.get(0), frames.get(1));
        assertThat(capture.notes()).anySatisfy(n -> assertThat(EN.say(n)).contains("packet 6", "truncated"));
    }

    @Test
    void foreignTrafficIsNamedAndSkipped() throws Exception {
        List<CapturedFrame> http = List.of(new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0,
                Bytes.wrapOwned("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        Path file = dir.resolve("http.pcap");
        PcapWriter.write(file, http, Instant.EPOCH);
        Capture capture = CaptureReader.read(file);
        assertThat(capture.frames()).isEmpty();
        assertThat(EN.say(capture.notes().getFirst())).contains("connection 1", "not Parley traffic", "47 45 54");
        assertThat(capture.notes()).hasSize(1);
    }

    @Test
    void aFileThatIsNoCaptureIsRefusedWithTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> CaptureReader.read(text)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("neither a pcap or pcapng capture nor a parley-lab recording");
        assertThatThrownBy(() -> CaptureReader.fromCapture(new byte[] {(byte) 0xd4, (byte) 0xc3, (byte) 0xb2, (byte) 0xa1, 2}))
                .isInstanceOf(CaptureFormatException.class).hasMessageContaining("capture header");
    }

    @Test
    void aPacketLargerThanTheMaximumIsRefusedBeforeItIsRead() {
        byte[] file = Captures.pcap(1, List.of(new byte[10]));
        file[24 + 8] = 0;
        file[24 + 9] = 0;
        file[24 + 10] = 0x10;
        assertThatThrownBy(() -> PcapFiles.read(file)).isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("packet 1: packet of 1048576 bytes exceeds the maximum 262144");
    }

    @Test
    void inChineseACutFileSaysWhichPacketWasCut() throws Exception {
        byte[] whole = Captures.pcap(1, ethernetPackets);
        Capture capture = CaptureReader.fromCapture(Arrays.copyOf(whole, whole.length - 5));
        assertThat(capture.notes()).anySatisfy(n -> assertThat(ZH.say(n)).contains("第 6 个数据包", "被截断", "抓包只读到此处")
                .isNotEqualTo(EN.say(n)));
    }

    @Test
    void inChineseAFileThatIsNoCaptureIsRefusedWithTheReason() throws Exception {
        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertThatThrownBy(() -> CaptureReader.read(text)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(ZH.say(e.phrase())).isEqualTo("抓包文件头：既不是 pcap 或 pcapng 抓包，也不是 parley-lab 录制文件"));
        byte[] foreign = "%PDF-1.7 and more".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> PcapFiles.read(foreign)).isInstanceOfSatisfying(CaptureFormatException.class,
                e -> assertThat(ZH.say(e.phrase())).contains("不是 pcap 或 pcapng 文件", "25504446"));
    }

    @Test
    void inChineseForeignTrafficIsNamedAndSkipped() throws Exception {
        List<CapturedFrame> http = List.of(new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0,
                Bytes.wrapOwned("GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII))));
        Path file = dir.resolve("http.pcap");
        PcapWriter.write(file, http, Instant.EPOCH);
        Capture capture = CaptureReader.read(file);
        assertThat(capture.notes()).singleElement()
                .satisfies(n -> assertThat(ZH.say(n)).startsWith("连接 1 ").contains("不是 Parley 流量", "47 45 54"));
    }

    @Test
    void everyCaptureTextHasADifferentChineseVersion() {
        java.util.ResourceBundle en = java.util.ResourceBundle.getBundle(LabText.BUNDLE, Locale.ROOT,
                java.util.ResourceBundle.Control.getNoFallbackControl(java.util.ResourceBundle.Control.FORMAT_PROPERTIES));
        List<String> keys = en.keySet().stream().filter(k -> k.startsWith("capture.")).toList();
        assertThat(keys).hasSizeGreaterThan(15);
        assertThat(keys).allSatisfy(k -> assertThat(ZH.has(k) && !ZH.get(k, "1", "2", "3", "4").equals(EN.get(k, "1", "2", "3", "4")))
                .as(k).isTrue());
    }
}
