package org.parley.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A file the command cannot use is named with the reason ("permission denied"), because the
 * JDK's file exceptions carry only the path as their message and the line said just
 * "parley server: /var/lib/parley/server-key-ed25519".
 */
class FileFailureTextTest {
    @TempDir
    Path temp;

    @CommandLine.Command(name = "server")
    static final class Failing implements Callable<Integer> {
        private final IOException failure;

        Failing(IOException failure) {
            this.failure = failure;
        }

        @Override
        public Integer call() throws IOException {
            throw failure;
        }
    }

    private String lineFor(IOException failure) {
        StringWriter err = new StringWriter();
        CliContext context = new CliContext(java.io.InputStream.nullInputStream(), new PrintWriter(java.io.Writer.nullWriter()),
                new PrintWriter(err, true), Map.of(), false);
        CommandLine commandLine = new CommandLine(new Failing(failure));
        commandLine.setExecutionExceptionHandler(new FailureHandler(context));
        assertThat(commandLine.execute()).isEqualTo(1);
        return err.toString().strip();
    }

    @Test
    void aFileThatMayNotBeReadIsNamedWithPermissionDenied() {
        assertThat(lineFor(new AccessDeniedException("/var/lib/parley/server-key-ed25519")))
                .isEqualTo("server: /var/lib/parley/server-key-ed25519: permission denied");
    }

    @Test
    void aMissingFileIsNamedWithNoSuchFile() {
        assertThat(lineFor(new NoSuchFileException("/etc/parley/parley.conf")))
                .isEqualTo("server: /etc/parley/parley.conf: no such file or directory");
    }

    @Test
    void aDataDirectoryThatIsAFileIsSaidInWords() throws IOException {
        Path file = Files.createFile(temp.resolve("parley-data"));
        TestCli cli = new TestCli(Map.of());

        int status = cli.run("server", "--data", file.toString(), "--bind", "127.0.0.1", "--port", "0");

        assertThat(status).isEqualTo(1);
        assertThat(cli.err.toString().strip()).isEqualTo("parley server: " + file + ": already exists and is not a directory");
    }

}
