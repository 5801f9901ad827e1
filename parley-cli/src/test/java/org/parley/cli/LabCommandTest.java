package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code parley lab}: the scenario list, one narrated run, JSON for graders, and the exit status. */
class LabCommandTest {

    @Test
    void listNamesEveryScenarioWithItsVariants() {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "list", "--lang", "en")).isZero();
        assertThat(cli.out.toString()).contains("eavesdrop", "bitflip-server-signature", "key-update-desync",
                "insecure-python-original", "oversized-frame");
    }

    @Test
    void listSpeaksChinese() {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "list", "--lang", "zh")).isZero();
        assertThat(cli.out.toString()).contains("被动窃听");
    }

    @Test
    void runningOneScenarioNarratesItAndExitsZeroWhenTheVerdictIsAsExpected() {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "run", "oversized-frame", "--lang", "en")).isZero();
        assertThat(cli.out.toString()).contains("[attacker]", "17ffff", "record_overflow(22)", "FrameDecoder",
                "verdict: attack defeated (expected: defeated) ✔");
    }

    @Test
    void jsonGivesGradersEachVerdictAndTheCheckThatFired() throws Exception {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "run", "bitflip-record", "--variant", "insecure-no-mac", "--json")).isZero();
        JsonNode root = new ObjectMapper().readTree(cli.out.toString());
        assertThat(root.get("allAsExpected").asBoolean()).isTrue();
        JsonNode result = root.get("results").get(0);
        assertThat(result.get("variant").asText()).isEqualTo("insecure-no-mac");
        assertThat(result.get("verdict").asText()).isEqualTo("succeeded");
        assertThat(result.get("trace").size()).isPositive();
    }

    @Test
    void aVariantTheScenarioDoesNotHaveExitsNonZero() {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "run", "slow-loris", "--variant", "insecure-no-mac", "--lang", "en")).isEqualTo(1);
        assertThat(cli.out.toString()).contains("no insecure-no-mac variant of slow-loris", "✘");
    }

    @Test
    void anUnknownScenarioIsRefused() {
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "run", "no-such-attack")).isNotZero();
        assertThat(cli.err.toString()).contains("no scenario no-such-attack");
    }

    @Test
    void aRecordedRunCanBeInspectedFrameByFrame(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        java.nio.file.Path recording = dir.resolve("truncation.txt");
        TestCli run = new TestCli(Map.of());
        assertThat(run.run("lab", "run", "truncation", "--record", recording.toString(), "--lang", "en")).isZero();
        TestCli inspect = new TestCli(Map.of());
        assertThat(inspect.run("inspect", recording.toString(), "--lang", "en")).isZero();
        assertThat(inspect.out.toString()).contains("ClientHello (plaintext)", "[13..44] random", "ServerHello (plaintext)",
                "TH(ServerHello)", "encrypted record");
    }

    @Test
    void inspectingSomethingThatIsNotARecordingSaysWhy(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("junk.txt"), "GET / HTTP/1.1\n");
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("inspect", junk.toString(), "--lang", "en")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("neither a pcap or pcapng capture nor a parley-lab recording");
    }

    @Test
    void inChineseInspectSaysWhyAFileIsNoCapture(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path junk = java.nio.file.Files.writeString(dir.resolve("junk.txt"), "GET / HTTP/1.1\n");
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("inspect", junk.toString(), "--lang", "zh-CN")).isEqualTo(1);
        assertThat(cli.err.toString()).contains("抓包文件头：既不是 pcap 或 pcapng 抓包，也不是 parley-lab 录制文件")
                .doesNotContain("neither a pcap");
    }

    @Test
    void theKeyLogWarnsLoudlyAndIsOwnerOnly(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path keys = dir.resolve("keys.log");
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("lab", "run", "oversized-frame", "--keylog", keys.toString(), "--lang", "en")).isZero();
        assertThat(cli.err.toString()).contains("WARNING: --keylog writes secret session keys to " + keys);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(java.nio.file.Files.getPosixFilePermissions(keys)))
                .isEqualTo("rw-------");
    }

    @Test
    void aPcapOfALabRunIsDecryptedByInspectWithTheLabsKeyLog(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        java.nio.file.Path pcap = dir.resolve("s.pcap");
        java.nio.file.Path keys = dir.resolve("keys.log");
        TestCli run = new TestCli(Map.of());
        assertThat(run.run("lab", "run", "eavesdrop", "--pcap", pcap.toString(), "--keylog", keys.toString(), "--lang", "en")).isZero();
        assertThat(run.out.toString()).contains("pcap capture of", pcap.toString());

        TestCli inspect = new TestCli(Map.of());
        assertThat(inspect.run("inspect", pcap.toString(), "--keylog", keys.toString(), "--lang", "en")).isZero();
        assertThat(inspect.out.toString()).contains("✔ signature by the ServerIdentity key", "✔ verify_data", "TH(Finished)",
                "c_ap = HKDF-Expand-Label", "the vault code is 4711", ", 0 ✘");

        TestCli chinese = new TestCli(Map.of());
        assertThat(chinese.run("inspect", pcap.toString(), "--lang", "zh-CN")).isZero();
        assertThat(chinese.out.toString()).contains("#0  连接 1  C→S  类型 0x16", "检查：0 ✔，0 ✘", "没有密钥日志",
                "ClientHello（明文）", "（在密钥日志中标识此连接）", "内部类型不可见", "密文和认证标签：")
                .doesNotContain("(plaintext)", "inner type hidden", "ciphertext and tag");
    }

    @Test
    void aMalformedKeyLogIsRefusedWithItsLine(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path recording = dir.resolve("r.txt");
        java.nio.file.Files.writeString(recording, "# parley-lab recording 1\n");
        java.nio.file.Path keys = java.nio.file.Files.writeString(dir.resolve("k.log"), "# comment\nPARLEY_NOPE aa bb\n");
        TestCli cli = new TestCli(Map.of());
        assertThat(cli.run("inspect", recording.toString(), "--keylog", keys.toString())).isEqualTo(1);
        assertThat(cli.err.toString()).contains("key log line 2: unknown label PARLEY_NOPE");
    }
}
