package org.parley.lab.capture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.Variant;
import org.parley.lab.net.CapturedFrame;
import org.parley.protocol.handshake.ClientHello;
import org.parley.protocol.handshake.HandshakeCodec;
import org.parley.protocol.handshake.ServerHello;

/**
 * tools/wireshark/parley.lua run by tshark (Debian's package, installed by .ci/run) over a pcap the lab
 * wrote: every frame the proxy saw is decoded with its type and length, and the hellos' fields are the
 * ones Parley's own decoder reads from the same bytes.
 */
class WiresharkDissectorTest {
    private static final Path DISSECTOR = Path.of("..", "tools", "wireshark", "parley.lua");

    @TempDir
    static Path dir;

    private static List<CapturedFrame> captured;
    private static Path pcap;

    @BeforeAll
    static void captureASession() throws Exception {
        try (LabTarget target = LabTarget.startLocal(dir.resolve("lab"))) {
            captured = Lab.standard().run(Lab.standard().find("eavesdrop").orElseThrow(), Variant.PARLEY, target).captured();
        }
        pcap = dir.resolve("s.pcap");
        PcapWriter.write(pcap, captured, Instant.EPOCH);
    }

    @Test
    void tsharkWithTheDissectorDecodesEveryFrameAndTheHellosFields() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/tshark")),
                "Debian's tshark is not installed (.ci/run installs it: apt-get install tshark)");
        assertThat(DISSECTOR).isRegularFile();

        List<String[]> rows = tshark("parley.type", "parley.length", "parley.hs.type", "parley.random", "parley.kex",
                "parley.sig", "parley.cipher", "parley.hash");

        assertThat(rows).extracting(r -> Integer.decode(r[0])).containsExactlyElementsOf(
                captured.stream().map(CapturedFrame::type).toList());
        assertThat(rows).extracting(r -> Integer.parseInt(r[1])).containsExactlyElementsOf(
                captured.stream().map(CapturedFrame::payloadLength).toList());
        ClientHello hello = (ClientHello) HandshakeCodec.decode(payload(captured.get(0)));
        assertThat(rows.get(0)[2]).isEqualTo("1");
        assertThat(rows.get(0)[3].replace(":", "")).isEqualTo(hello.random().toHex());
        assertThat(codes(rows.get(0)[4])).containsExactlyElementsOf(hello.offer().keyExchanges().stream().map(c -> c.code()).toList());
        assertThat(codes(rows.get(0)[7])).containsExactlyElementsOf(hello.offer().hashes().stream().map(c -> c.code()).toList());
        ServerHello answer = (ServerHello) HandshakeCodec.decode(payload(captured.get(1)));
        assertThat(rows.get(1)[2]).isEqualTo("2");
        assertThat(codes(rows.get(1)[5])).containsExactly(answer.suite().signature().code());
        assertThat(codes(rows.get(1)[6])).containsExactly(answer.suite().cipher().code());
    }

    private static org.parley.crypto.Bytes payload(CapturedFrame frame) {
        return frame.bytes().slice(3, frame.bytes().length());
    }

    private static List<Integer> codes(String field) {
        List<Integer> out = new ArrayList<>();
        for (String code : field.split(",")) {
            out.add(Integer.decode(code));
        }
        return out;
    }

    /** One row per Parley frame: tshark prints one line per packet, and our pcap has one frame per data packet. */
    private static List<String[]> tshark(String... fields) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("/usr/bin/tshark", "-n", "-X", "lua_script:" + DISSECTOR.toAbsolutePath(),
                "-r", pcap.toString(), "-Y", "parley", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a"));
        for (String field : fields) {
            command.add("-e");
            command.add(field);
        }
        Process process = new ProcessBuilder(command).redirectError(dir.resolve("tshark.err").toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("tshark finished").isTrue();
        assertThat(process.exitValue()).as(Files.readString(dir.resolve("tshark.err"))).isZero();
        return out.lines().map(line -> line.split("\t", -1)).toList();
    }

}
