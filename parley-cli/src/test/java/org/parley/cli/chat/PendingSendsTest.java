package org.parley.cli.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.parley.client.SendNotConfirmedException;
import org.parley.protocol.chat.Conversation;

/** A message not confirmed within the controller's wait is pending, not failed; its outcome is shown when it comes. */
class PendingSendsTest {
    private final StringWriter out = new StringWriter();
    private final List<Throwable> reported = new ArrayList<>();
    private final PendingSends sends = new PendingSends(new JsonView(new PrintWriter(out, true)), Duration.ofMillis(1),
            reported::add);

    @Test
    void aMessageConfirmedInTimeIsReturnedAndNothingIsSaid() throws Exception {
        assertThat(sends.whenSent(CompletableFuture.completedFuture(5L), new Conversation.InRoom("lobby"))).contains(5L);
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void aMessageNotConfirmedInTimeIsPendingAndItsLaterFailureIsReported() throws Exception {
        CompletableFuture<Long> sent = new CompletableFuture<>();

        assertThat(sends.whenSent(sent, new Conversation.WithUser("bob"))).isEmpty();
        assertThat(out.toString().strip()).isEqualTo("{\"type\":\"pending\",\"user\":\"bob\"}");
        assertThat(reported).isEmpty();
        SendNotConfirmedException never = new SendNotConfirmedException(Duration.ofMinutes(5));
        sent.completeExceptionally(never);

        assertThat(reported).containsExactly(never);
    }

    @Test
    void aPendingPlaintextRoomMessageConfirmedLaterSaysNothingMoreItsCopyFromTheServerShowsIt() throws Exception {
        CompletableFuture<Long> sent = new CompletableFuture<>();
        sends.whenSent(sent, new Conversation.InRoom("lobby"));

        sent.complete(9L);

        assertThat(out.toString().strip()).isEqualTo("{\"type\":\"pending\",\"room\":\"lobby\"}");
        assertThat(reported).isEmpty();
    }
}
