package org.parley.cli.lab;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.cli.Messages;
import org.parley.lab.LabText;
import org.parley.lab.capture.CaptureFormatException;
import org.parley.lab.capture.CaptureReader;
import org.parley.lab.inspect.HtmlReport;
import org.parley.lab.inspect.Inspection;
import org.parley.lab.inspect.Inspector;
import org.parley.lab.inspect.KeyLog;
import org.parley.lab.inspect.KeyLogFormatException;
import org.parley.lab.inspect.TextReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley inspect FILE [--keylog KEYS] [--html PAGE]}: explains a capture (pcap or pcapng from tcpdump, Wireshark
 * or {@code parley lab run --pcap}, or a lab recording) frame by frame: handshake messages field by
 * field, transcript hashes, and, with a key log, the key schedule, the signature and Finished checks
 * and every record decrypted. What cannot be read is reported as notes; only an unreadable file or
 * key log fails (exit 1, the reason on standard error).
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Explain a capture (pcap, pcapng, lab recording) frame by frame; decrypt it with a key log.")
public final class InspectCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "a pcap or pcapng capture, or a lab recording")
    Path file;

    @Option(names = "--keylog", paramLabel = "KEYS",
            description = "a key log (parley chat --keylog, PARLEY_KEYLOG, parley lab run --keylog) to decrypt and check the records")
    Path keylog;

    @Option(names = "--html", paramLabel = "PAGE",
            description = "also write the explanation as one self-contained HTML page (English and Chinese) to PAGE")
    Path html;

    @Option(names = "--lang", description = "en or zh (default: the system language)")
    String lang;

    public InspectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        Optional<KeyLog> keys;
        Inspection inspection;
        try {
            keys = keylog == null ? Optional.empty() : Optional.of(KeyLog.read(keylog));
        } catch (KeyLogFormatException e) {
            return refuse(keylog, e.getMessage());
        }
        Locale locale = Messages.locale(lang, Locale.getDefault());
        LabText text = LabText.forLocale(locale);
        try {
            inspection = Inspector.inspect(CaptureReader.read(file), keys);
        } catch (CaptureFormatException e) {
            return refuse(file, text.say(e.phrase()));
        }
        TextReport.lines(inspection, text).forEach(context.out()::println);
        if (html != null) {
            Files.writeString(html, HtmlReport.page(inspection, locale));
            context.out().println(text.get("inspect.html", html));
        }
        context.out().flush();
        return 0;
    }

    private int refuse(Path what, String reason) {
        context.err().println("parley inspect: " + what + ": " + reason);
        context.err().flush();
        return 1;
    }
}
