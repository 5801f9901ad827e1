package org.parley.cli.chat;

import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiPredicate;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.parley.cli.Messages;
import org.parley.cli.PasswordPrompt;
import org.parley.client.Backoff;
import org.parley.client.ParleySession;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.suite.SignatureComponent;

/**
 * Runs {@code parley chat} at a terminal: JLine line editing and history (in memory only, so
 * private messages are not written to disk), events printed above the prompt, the prompt showing
 * the current room.
 */
public final class InteractiveChatRunner {
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(35);

    private final ChatSettings settings;
    private final Terminal terminal;
    private final LineReader reader;
    private final Messages text;

    public InteractiveChatRunner(ChatSettings settings, Terminal terminal, LineReader reader, Messages text) {
        this.settings = settings;
        this.terminal = terminal;
        this.reader = reader;
        this.text = text;
    }

    /** Runs the session; returns the exit status. */
    public int run() throws InterruptedException {
        TerminalView view = new TerminalView(reader::printAbove, text);
        EchoTracker echoes = new EchoTracker();
        // The session's end interrupts the prompt, so the loop below ends at once.
        AtomicReference<SessionEnd> ended = new AtomicReference<>();
        JoinGate gate = new JoinGate();
        ViewListener listener = new ViewListener(view, echoes, gate, end -> {
            ended.set(end);
            terminal.raise(Terminal.Signal.INT);
        });
        print(text.get("connect.connecting", settings.server()));
        ChatConnector connector = new ChatConnector(settings, view, Optional.of(askFirstContact()), this::askPassword,
                Optional.of(Backoff.defaults()));
        Optional<ParleySession> opened = connector.open(listener);
        if (opened.isEmpty()) {
            return 1;
        }
        ParleySession session = opened.get();
        try {
            ChatController controller = new ChatController(session, view, echoes, gate, REQUEST_TIMEOUT, this::secret);
            listener.whenRoomDropped(controller::dropped);
            for (String room : settings.join()) {
                controller.handle(new ChatInput.Join(room));
            }
            while (true) {
                String prompt = controller.currentRoom()
                        .map(room -> "[" + (controller.isEncrypted(room) ? "🔒 " : "") + TerminalText.safe(room) + "]> ").orElse("> ");
                String line;
                try {
                    line = reader.readLine(prompt);
                } catch (UserInterruptException | EndOfFileException e) {
                    SessionEnd end = ended.get();
                    if (end == null) {
                        view.disconnected("quit");
                        return 0;
                    }
                    connector.ended(end);
                    return 1;
                }
                if (!controller.handle(ChatInputParser.parse(line))) {
                    view.disconnected("quit");
                    return 0;
                }
            }
        } finally {
            session.close();
        }
    }

    private BiPredicate<SignatureComponent, Fingerprint> askFirstContact() {
        return (algorithm, fingerprint) -> {
            for (String line : text.get("connect.unknown", settings.server(), algorithm.label(), fingerprint).split("\n")) {
                print(line);
            }
            try {
                String answer = reader.readLine(text.get("connect.trustPrompt")).strip().toLowerCase(Locale.ROOT);
                return answer.equals("y") || answer.equals("yes") || answer.equals("是");
            } catch (UserInterruptException | EndOfFileException e) {
                return false;
            }
        };
    }

    private Optional<LoginMethod> askPassword() {
        Optional<char[]> first = ask(text.get("login.password", settings.user()));
        if (first.isEmpty() || !settings.register()) {
            return first.map(LoginMethod.Password::new);
        }
        Optional<char[]> again = ask(text.get("login.passwordAgain"));
        boolean same = again.isPresent() && Arrays.equals(first.get(), again.get());
        again.ifPresent(chars -> Arrays.fill(chars, '\0'));
        if (!same) {
            Arrays.fill(first.get(), '\0');
            print(text.get("login.mismatch"));
            return Optional.empty();
        }
        return first.map(LoginMethod.Password::new);
    }

    /** Asks for the secret whose prompt text has bundle key {@code key}. */
    private Optional<char[]> secret(String key) {
        return ask(text.get(key));
    }

    private Optional<char[]> ask(String prompt) {
        try {
            return Optional.of(PasswordPrompt.ask(reader, prompt));
        } catch (IOException e) {
            // Ctrl-C or Ctrl-D at the prompt: the user cancelled, and the command reports "usage".
            return Optional.empty();
        }
    }

    private void print(String line) {
        reader.printAbove(new AttributedString(line));
    }
}
