package org.parley.cli.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.parley.cli.CliContext;
import org.parley.client.LoginKeyFile;
import org.parley.client.ServerAddress;
import org.parley.cli.Messages;
import org.parley.cli.PasswordOptions;
import org.parley.client.InsecureKeyLogFile;
import org.parley.client.KnownServersFile;
import org.parley.protocol.suite.Preset;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code parley chat}: the terminal client, interactive (JLine) or scriptable ({@code --json}).
 *
 * <p><b>Security.</b> The password is read from a masked prompt, an environment variable or a
 * file, never from an argument (visible in process listings and shell history).
 */
@Command(name = "chat", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Chat on a Parley server: interactive, or --json for scripts and bots.",
                "Plain lines go to the current room (the last joined); /help lists the commands."})
public final class ChatCommand implements Callable<Integer> {
    private final CliContext context;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--server", paramLabel = "HOST:PORT", defaultValue = "localhost:7443",
            description = "Server to connect to (default: ${DEFAULT-VALUE}).")
    String server;

    @Option(names = "--user", paramLabel = "NAME", required = true, description = "Your user name (Unicode, e.g. 张伟).")
    String user;

    @Mixin
    PasswordOptions password = new PasswordOptions();

    @Option(names = "--register", description = "Create the account (with the password given) instead of logging in.")
    boolean register;

    @Option(names = "--invite", paramLabel = "CODE", description = "Invite code, for servers with --registration invite.")
    String invite;

    @Option(names = "--key", paramLabel = "FILE", description = "Log in with a login key made by 'parley keygen' instead of a password.")
    Path key;

    @Option(names = "--known-servers", paramLabel = "FILE", description = "Pinned server keys (default: ~/.parley/known_servers).")
    Path knownServers;

    @Option(names = "--trust-on-first-use", description = "Pin an unknown server's key without asking (a changed key still fails).")
    boolean trustOnFirstUse;

    @Option(names = "--preset", paramLabel = "PRESET", defaultValue = "MODERN",
            description = "Suites to offer: MODERN, PQ or COMPATIBLE (default: ${DEFAULT-VALUE}).")
    Preset preset;

    @Option(names = "--join", paramLabel = "ROOM", split = ",", defaultValue = "lobby",
            description = "Rooms to join after login, comma-separated; the last is the current room (default: ${DEFAULT-VALUE}; '' for none).")
    List<String> join;

    @Option(names = "--json", description = "Scriptable mode: commands and text from stdin, one JSON event per line on stdout.")
    boolean json;

    @Option(names = "--keylog", paramLabel = "FILE",
            description = "INSECURE, for teaching: append this session's secrets to FILE (owner-only; docs/LAB.md) so 'parley inspect' can decrypt a capture.")
    Path keylog;

    @Option(names = "--lang", paramLabel = "LANG", description = "Language of the interactive client: en or zh (default: from the locale).")
    String lang;

    public ChatCommand(CliContext context) {
        this.context = context;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        validate();
        Messages text = Messages.forLocale(Messages.locale(lang, Locale.getDefault()));
        Optional<InsecureKeyLogFile> keys = Optional.empty();
        if (keylog != null) {
            keys = Optional.of(InsecureKeyLogFile.open(keylog));
            context.err().println(text.get("chat.keylog.warning", keylog));
            context.err().flush();
        }
        try {
            return run(text, keys);
        } finally {
            if (keys.isPresent()) {
                keys.get().close();
            }
        }
    }

    private int run(Messages text, Optional<InsecureKeyLogFile> keys) throws IOException, InterruptedException {
        if (json) {
            ChatSettings settings = withKeyLog(settings(login(false)), keys);
            var in = new BufferedReader(new InputStreamReader(context.in(), StandardCharsets.UTF_8));
            return new JsonChatRunner(settings).run(in, context.out());
        }
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("parley").build();
            ChatSettings settings = withKeyLog(settings(login(true)), keys);
            return new InteractiveChatRunner(settings, terminal, reader, text).run();
        }
    }

    private static ChatSettings withKeyLog(ChatSettings s, Optional<InsecureKeyLogFile> keys) {
        return new ChatSettings(s.server(), s.user(), s.login(), s.register(), s.invite(), s.knownServers(),
                s.trustOnFirstUse(), s.preset(), s.join(), keys);
    }

    /** The resolved settings for a login method; public for tests of the option parsing. */
    public ChatSettings settings(LoginMethod login) {
        Path pins = knownServers != null ? knownServers : KnownServersFile.defaultPath();
        List<String> rooms = join.stream().map(String::strip).filter(room -> !room.isEmpty()).toList();
        return new ChatSettings(ServerAddress.parse(server), user, login, register, Optional.ofNullable(invite), pins,
                trustOnFirstUse, preset, rooms);
    }

    private void validate() {
        if (key != null && (register || password.given())) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--key logs in with a key: it cannot be combined with --register or a password option");
        }
        if (invite != null && !register) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--invite is only used with --register");
        }
        try {
            ServerAddress.parse(server);
            Messages.locale(lang, Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    private LoginMethod login(boolean canPrompt) throws IOException {
        if (key != null) {
            return new LoginMethod.Key(LoginKeyFile.read(key).key());
        }
        Optional<char[]> given = password.read(context);
        if (given.isPresent()) {
            return new LoginMethod.Password(given.get());
        }
        if (!canPrompt) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--json needs --password-env VAR, --password-file FILE or --key FILE (there is no prompt)");
        }
        return new LoginMethod.Prompt();
    }
}
