package org.parley.lab.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.InsecureKeyLogFile;
import org.parley.lab.Lab;
import org.parley.lab.LabTarget;
import org.parley.lab.LabText;
import org.parley.lab.Phrase;
import org.parley.lab.ScenarioResult;
import org.parley.lab.Variant;
import org.parley.lab.capture.Capture;
import org.parley.lab.capture.CaptureReader;
import org.parley.lab.capture.PcapWriter;
import org.parley.lab.net.CapturedFrame;

/**
 * A real session captured by the lab's proxy, written as pcap and read back: the inspector decrypts it
 * with the lab client's key log, recomputes every check, and shows only ciphertext without the log.
 */
class CaptureInspectionTest {
    @TempDir
    static Path dir;

    private static final LabText EN = LabText.forLocale(Locale.ENGLISH);
    /** Lines that are the same in every language: field names with values, hashes, formulas, decoder messages. */
    private static final Set<String> NEUTRAL = Set.of("inspect.text", "inspect.field", "inspect.th", "inspect.step");
    private static List<CapturedFrame> captured;
    private static Path pcap;
    private static Path keys;

    @BeforeAll
    static void captureAnEavesdroppedSession() throws Exception {
        keys = dir.resolve("keys.log");
        try (LabTarget target = LabTarget.startLocal(dir.resolve("lab")); InsecureKeyLogFile log = InsecureKeyLogFile.open(keys)) {
            target.logKeysTo(log);
            ScenarioResult result = Lab.standard().run(Lab.standard().find("eavesdrop").orElseThrow(), Variant.PARLEY, target);
            assertThat(result.asExpected()).isTrue();
            captured = result.captured();
        }
        pcap = dir.resolve("session.pcap");
        PcapWriter.write(pcap, captured, Instant.parse("2026-01-01T00:00:00Z"));
    }

    @AfterAll
    static void forget() {
        captured = null;
    }

    private static Inspection inspect(Optional<KeyLog> keyLog) throws Exception {
        return Inspector.inspect(CaptureReader.read(pcap), keyLog);
    }

    private static List<Detail> all(Inspection inspection, Mark mark) {
        return inspection.frames().stream().flatMap(f -> f.details().stream()).filter(d -> d.check() == mark).toList();
    }

    @Test
    void thePcapReadsBackAsExactlyTheFramesTheProxySaw() throws Exception {
        Capture capture = CaptureReader.read(pcap);
        assertThat(capture.frames()).isEqualTo(captured);
        assertThat(capture.notes()).isEmpty();
    }

    @Test
    void withTheKeyLogEveryCheckPassesAndTheRecordsAreDecrypted() throws Exception {
        Inspection inspection = inspect(Optional.of(KeyLog.read(keys)));
        List<String> titles = inspection.frames().stream().map(f -> EN.say(f.title())).toList();

        assertThat(all(inspection, Mark.FAIL)).isEmpty();
        assertThat(titles).contains("ClientHello (plaintext)", "ServerHello (plaintext)", "ServerIdentity (encrypted)",
                "ServerSignature (encrypted)", "Finished (encrypted)");
        assertThat(all(inspection, Mark.PASS)).extracting(d -> EN.say(d.text()))
                .anySatisfy(t -> assertThat(t).contains("signature", "verifies"))
                .anySatisfy(t -> assertThat(t).contains("s hs traffic", "matches"))
                .anySatisfy(t -> assertThat(t).contains("c hs traffic", "matches"))
                .anySatisfy(t -> assertThat(t).contains("logged c ap traffic equals the recomputed value"));
        assertThat(titles).anySatisfy(t -> assertThat(t).startsWith("application data"));
        assertThat(inspection.frames()).flatExtracting(InspectedFrame::details).extracting(d -> EN.say(d.text()))
                .anySatisfy(t -> assertThat(t).contains("the vault code is 4711"));
        assertThat(titles).noneSatisfy(t -> assertThat(t).contains("no key"));
    }

    @Test
    void withoutAKeyLogTheObserverSeesOnlyTheHellosAndCiphertext() throws Exception {
        Inspection inspection = inspect(Optional.empty());

        assertThat(inspection.frames()).filteredOn(f -> f.frame().type() == 0x17)
                .isNotEmpty().allSatisfy(f -> assertThat(EN.say(f.title())).contains("inner type hidden"));
        assertThat(all(inspection, Mark.PASS)).isEmpty();
    }

    @Test
    void aWrongKeyLogIsMarkedFailedFrameByFrameAndNothingCrashes() throws Exception {
        List<String> lines = Files.readAllLines(keys).stream().map(l -> l.startsWith("PARLEY_S_HS_TRAFFIC")
                ? l.substring(0, l.length() - 1) + (l.endsWith("0") ? "1" : "0") : l).toList();
        Inspection inspection = inspect(Optional.of(KeyLog.parse(lines)));

        assertThat(all(inspection, Mark.FAIL)).extracting(d -> EN.say(d.text()))
                .anySatisfy(t -> assertThat(t).contains("logged s hs traffic differs"))
                .anySatisfy(t -> assertThat(t).contains("does not open with the logged key"));
    }

    @Test
    void inChineseEveryFrameTitleAndExplanationIsTranslated() throws Exception {
        Inspection inspection = inspect(Optional.of(KeyLog.read(keys)));
        LabText zh = LabText.forLocale(Locale.SIMPLIFIED_CHINESE);
        List<Phrase> phrases = new java.util.ArrayList<>();
        for (InspectedFrame f : inspection.frames()) {
            phrases.add(f.title());
            f.details().forEach(d -> phrases.add(d.text()));
        }

        assertThat(phrases).filteredOn(p -> !NEUTRAL.contains(p.key())).isNotEmpty()
                .allSatisfy(p -> assertThat(zh.has(p.key()) && !zh.say(p).equals(EN.say(p))).as(p.key()).isTrue());
        assertThat(TextReport.lines(inspection, zh)).anySatisfy(l -> assertThat(l).contains("签名验证通过"))
                .anySatisfy(l -> assertThat(l).contains("（加密）")).anySatisfy(l -> assertThat(l).contains("明文："))
                .noneSatisfy(l -> assertThat(l).contains("(encrypted)", "verifies", "plaintext:"));
    }
}
