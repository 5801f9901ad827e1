package org.parley.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout's {@code bin/parley}, run as a process: it prints nothing but the command's own
 * output, and {@code ~/.parley} follows {@code $HOME}. It runs here, after parley-cli and
 * parley-desktop were packaged by the same build, so the launcher finds its jars up to date.
 */
class CheckoutLauncherTest {
    private static final Path LAUNCHER = Path.of(System.getProperty("parley.project.root"), "bin", "parley");

    @TempDir
    Path home;

    private record Finished(int status, String out, String err) {
    }

    private Finished run(Map<String, String> extraEnv, String... args) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(LAUNCHER.toString()),
                Arrays.stream(args)).toList()).directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", "/usr/bin:/bin");
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        env.putAll(extraEnv);
        Path out = Files.createTempFile(home, "out", ".txt");
        Path err = Files.createTempFile(home, "err", ".txt");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(300, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("bin/parley %s ended", String.join(" ", args)).isTrue();
        return new Finished(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** Standard error without the launcher's one "building" line, which appears only if sources changed meanwhile. */
    private static List<String> noise(String err) {
        return err.lines().filter(line -> !line.startsWith("parley: building ")).toList();
    }

    @Test
    void keygenWritesIntoTheParleyFolderOfHomeAndPrintsNoWarning() throws IOException, InterruptedException {
        Finished keygen = run(Map.of(), "keygen");

        assertThat(keygen.status()).as(keygen.err()).isZero();
        assertThat(home.resolve(".parley/login-key-ed25519")).isRegularFile();
        assertThat(noise(keygen.err())).isEmpty();
    }

    @Test
    void guiWithoutADisplaySaysSoInOneLineInTheUsersLanguage() throws IOException, InterruptedException {
        Finished english = run(Map.of(), "gui");
        Finished chinese = run(Map.of("LANG", "zh_CN.UTF-8"), "gui");

        assertThat(english.status()).isEqualTo(1);
        assertThat(english.err().lines()).singleElement().asString().startsWith("parley gui: no graphical display");
        assertThat(chinese.status()).isEqualTo(1);
        assertThat(chinese.err().lines()).singleElement().asString().contains("没有图形显示");
    }
}
