package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.parley.client.ConnectionFailedException;
import org.parley.client.SendNotConfirmedException;
import org.parley.protocol.chat.Conversation;

/** How the controller names a failed request to the user (docs/CLI.md, the error codes). */
class ChatControllerErrorsTest {
    private final StringWriter out = new StringWriter();
    private final ChatController controller = new ChatController(null, new JsonView(new PrintWriter(out, true)),
            new EchoTracker(), new JoinGate(), Duration.ofSeconds(35), key -> Optional.empty());

    @Test
    void aRequestTheClientLibraryTimedOutIsATimeoutNotAFailureNamedNull() {
        // The library's request timeout (30 s) fails the future with a bare TimeoutException, before the controller's own wait ends.
        controller.report(new TimeoutException());

        assertThat(out.toString()).startsWith("{\"type\":\"error\",\"code\":\"TIMEOUT\"").doesNotContain("null");
    }

    @Test
    void aMessageNeverConfirmedIsNotConfirmedRatherThanFailedAndAPendingOneSaysSoFirst() {
        new JsonView(new PrintWriter(out, true)).sendPending(new Conversation.InRoom("lobby"));
        controller.report(new SendNotConfirmedException(Duration.ofMinutes(5)));

        assertThat(out.toString().lines()).containsExactly("{\"type\":\"pending\",\"room\":\"lobby\"}",
                "{\"type\":\"error\",\"code\":\"NOT_CONFIRMED\",\"message\":"
                        + "\"the server did not confirm the message; it may or may not have been delivered\"}");
    }

    @Test
    void aMessageTheDeviceKeepsForItsNextStartSaysSoRatherThanAskingToSendItAgain() {
        controller.report(new SendNotConfirmedException(Duration.ofMinutes(5), true));

        assertThat(out.toString()).startsWith("{\"type\":\"error\",\"code\":\"NOT_CONFIRMED_KEPT\",")
                .contains("sends it again, once, at its next start");
    }

    @Test
    void aLineTypedWhileTheSessionReconnectsIsAConnectionFailure() {
        controller.report(new ConnectionFailedException("not connected"));

        assertThat(out.toString()).isEqualTo("{\"type\":\"error\",\"code\":\"CONNECTION_FAILED\",\"message\":\"not connected\"}"
                + System.lineSeparator());
    }
}
