package org.parley.lab.inspect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.InsecureKeyLogFile;
import org.parley.crypto.Bytes;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.Phrase;
import org.parley.lab.Variant;
import org.parley.lab.capture.Capture;
import org.parley.lab.capture.CaptureReader;
import org.parley.lab.capture.PcapWriter;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.Direction;

/**
 * {@code parley inspect --html}: the page of a real decrypted session opened in headless Chromium (Debian's
 * {@code chromium}, installed by .ci/run), which must run its script and render every section in the
 * language asked for; and whatever a capture holds is escaped.
 */
class HtmlPageTest {
    @TempDir
    static Path dir;

    private static Inspection inspection;

    @BeforeAll
    static void inspectADecryptedSession() throws Exception {
        Path keys = dir.resolve("keys.log");
        List<CapturedFrame> captured;
        try (LabTarget target = LabTarget.startLocal(dir.resolve("lab")); InsecureKeyLogFile log = InsecureKeyLogFile.open(keys)) {
            target.logKeysTo(log);
            captured = Lab.standard().run(Lab.standard().find("eavesdrop").orElseThrow(), Variant.PARLEY, target).captured();
        }
        Path pcap = dir.resolve("s.pcap");
        PcapWriter.write(pcap, captured, Instant.EPOCH);
        inspection = Inspector.inspect(CaptureReader.read(pcap), Optional.of(KeyLog.read(keys)));
    }

    @Test
    void headlessChromiumRendersEverySectionInTheLanguageAskedFor() throws Exception {
        Optional<String> chromium = chromium();
        assumeTrue(chromium.isPresent(), "Debian's chromium is not installed (.ci/run installs it: apt-get install chromium)");
        Path page = dir.resolve("session.html");
        Files.writeString(page, HtmlReport.page(inspection, Locale.ENGLISH));

        String dom = dumpDom(chromium.get(), page.toUri() + "?lang=zh");

        assertThat(dom).contains("<html lang=\"zh\">", "data-ready=\"yes\"", "id=\"summary\"", "Parley：逐帧解读会话");
        for (InspectedFrame f : inspection.frames()) {
            assertThat(dom).contains("id=\"frame-" + f.number() + "\"");
        }
        assertThat(dom).contains("ServerSignature (encrypted)", "Finished (encrypted)", "the vault code is 4711",
                "data-failed=\"0\"", "class=\"frame server\"", "class=\"frame client\"");
    }

    @Test
    void everythingFromTheCaptureIsEscaped() {
        CapturedFrame hostile = new CapturedFrame(1, Direction.CLIENT_TO_SERVER, 0, Bytes.fromHex("170003616263"));
        Inspection made = new Inspection(List.of(new InspectedFrame(0, hostile, Phrase.verbatim("<script>alert(1)</script>"),
                List.of(Detail.note(Phrase.verbatim("\"><img src=x onerror=alert(2)>"))))), List.of(Phrase.verbatim("<b>note</b>")), false);

        String html = HtmlReport.page(made, Locale.CHINESE);

        assertThat(html).doesNotContain("<script>alert(1)", "<img src=x", "<b>note</b>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;", "&lt;b&gt;note&lt;/b&gt;", "<html lang=\"zh\">");
    }

    private static Optional<String> chromium() {
        for (String name : List.of("/usr/bin/chromium", "/usr/bin/chromium-browser")) {
            if (Files.isExecutable(Path.of(name))) {
                return Optional.of(name);
            }
        }
        return Optional.empty();
    }

    private static String dumpDom(String chromium, String url) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(dir, "chromium");
        Process process = new ProcessBuilder(chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                "--user-data-dir=" + profile, "--dump-dom", url)
                .redirectError(dir.resolve("chromium.err").toFile()).start();
        byte[] out = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("chromium finished").isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }
}
