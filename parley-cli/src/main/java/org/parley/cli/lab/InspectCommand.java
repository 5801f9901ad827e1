package org.parley.cli.lab;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.parley.cli.CliContext;
import org.parley.cli.Messages;
import org.parley.lab.FrameExplainer;
import org.parley.lab.LabText;
import org.parley.lab.net.LabRecording;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley inspect FILE}: explains a lab recording ({@code parley lab run NAME --record FILE})
 * frame by frame, as an observer without keys sees it. A first version: pcap captures and key logs
 * are not read yet.
 */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = "Explain a recorded session (a 'parley lab run --record' file) frame by frame.")
public final class InspectCommand implements Callable<Integer> {
    private final CliContext context;

    @Parameters(paramLabel = "FILE", description = "a lab recording")
    Path file;

    @Option(names = "--lang", description = "en or zh (default: the system language)")
    String lang;

    public InspectCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws Exception {
        LabText text = LabText.forLocale(Messages.locale(lang, Locale.getDefault()));
        new FrameExplainer(text).explain(LabRecording.read(file)).forEach(context.out()::println);
        context.out().flush();
        return 0;
    }
}
