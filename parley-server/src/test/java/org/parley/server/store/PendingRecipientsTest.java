package org.parley.server.store;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PendingRecipientsTest {

    private final PendingRecipients pending = new PendingRecipients();

    @Test
    void knowsThatNothingWaitsForAUserNoMessageWasStoredFor() {
        assertThat(pending.stampOf("bob")).isEqualTo(PendingRecipients.NONE);
    }

    @Test
    void forgetsAUserWhenAQueryThatFoundNothingSawTheCurrentStamp() {
        pending.storing("bob");
        long stamp = pending.stampOf("bob");

        pending.foundNone("bob", stamp);

        assertThat(stamp).isNotEqualTo(PendingRecipients.NONE);
        assertThat(pending.stampOf("bob")).isEqualTo(PendingRecipients.NONE);
    }

    @Test
    void keepsAUserWhenAMessageWasStoredWhileAnEmptyQueryRan() {
        pending.storing("bob");
        long stampBeforeQuery = pending.stampOf("bob");
        pending.storing("bob"); // a message committed after the query's snapshot

        pending.foundNone("bob", stampBeforeQuery);

        assertThat(pending.stampOf("bob")).isNotEqualTo(PendingRecipients.NONE).isNotEqualTo(stampBeforeQuery);
    }

    @Test
    void forgettingOneUserKeepsTheOthers() {
        pending.storing("bob");
        pending.storing("carol");

        pending.foundNone("bob", pending.stampOf("bob"));

        assertThat(pending.stampOf("carol")).isNotEqualTo(PendingRecipients.NONE);
    }
}
