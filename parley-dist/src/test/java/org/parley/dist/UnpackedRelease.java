package org.parley.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The release archive unpacked into an empty directory, and its {@code bin/parley} run as a user
 * would run it, but in an environment with no JDK: the child processes get no {@code JAVA_HOME}
 * and a {@code PATH} that holds only a {@code readlink} (what the launcher may use besides shell
 * built-ins), so nothing but the archive's own runtime can start Java.
 */
final class UnpackedRelease {
    /** Guard against a hung child; a run that needs it has failed anyway. Not a timing claim. */
    private static final long CHILD_TIMEOUT_SECONDS = 120;

    private final Path root;
    private final Path home;
    private final Path tools;

    private UnpackedRelease(Path root, Path home, Path tools) {
        this.root = root;
        this.home = home;
        this.tools = tools;
    }

    /** Unpacks {@code archive} (with the system's tar, which keeps the file modes) under {@code scratch}. */
    static UnpackedRelease unpack(Path archive, String name, Path scratch) throws IOException, InterruptedException {
        Path target = Files.createDirectories(scratch.resolve("install"));
        try (Stream<Path> before = Files.list(target)) {
            assertThat(before).as("the install directory starts empty").isEmpty();
        }
        Process tar = new ProcessBuilder("tar", "-xzf", archive.toString(), "-C", target.toString())
                .redirectErrorStream(true).start();
        String output = new String(tar.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(tar.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)).isTrue();
        assertThat(tar.exitValue()).as("tar: %s", output).isZero();
        Path tools = Files.createDirectories(scratch.resolve("tools"));
        // A copy, not a link: JUnit warns about links out of its temporary directory.
        Files.copy(which("readlink"), tools.resolve("readlink"), StandardCopyOption.COPY_ATTRIBUTES);
        return new UnpackedRelease(target.resolve(name), Files.createDirectories(scratch.resolve("home")), tools);
    }

    private static Path which(String command) {
        return Stream.of("/usr/bin", "/bin").map(dir -> Path.of(dir, command)).filter(Files::isExecutable)
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + command + " in /usr/bin or /bin"));
    }

    Path root() {
        return root;
    }

    /** The {@code $HOME} the children get (an empty directory of the test's). */
    Path home() {
        return home;
    }

    /** {@code bin/parley ARGS} with the stripped environment plus {@code extraEnv}, not yet started. */
    ProcessBuilder command(Path launcher, Map<String, String> extraEnv, List<String> args) {
        ProcessBuilder builder = new ProcessBuilder(Stream.concat(Stream.of(launcher.toString()), args.stream()).toList())
                .directory(home.toFile());
        Map<String, String> env = builder.environment();
        env.clear();
        env.put("PATH", tools.toString());
        env.put("HOME", home.toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(extraEnv);
        return builder;
    }

    /** Runs {@code bin/parley ARGS} to its end with {@code input} on standard input. */
    Finished run(Map<String, String> extraEnv, String input, String... args) throws IOException, InterruptedException {
        return run(root.resolve("bin/parley"), extraEnv, input, args);
    }

    /** Runs {@code launcher ARGS} (e.g. a symlink to bin/parley) to its end. */
    Finished run(Path launcher, Map<String, String> extraEnv, String input, String... args)
            throws IOException, InterruptedException {
        Path out = Files.createTempFile(home.getParent(), "out", ".txt");
        Path err = Files.createTempFile(home.getParent(), "err", ".txt");
        Process process = command(launcher, extraEnv, List.of(args))
                .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (var stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        }
        boolean ended = process.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("parley %s ended", String.join(" ", args)).isTrue();
        return new Finished(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    /** What a finished child printed, and its exit status. */
    record Finished(int status, String out, String err) {
        List<String> outLines() {
            return out.lines().toList();
        }
    }
}
