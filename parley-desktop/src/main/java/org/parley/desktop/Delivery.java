package org.parley.desktop;

/**
 * Where a message written on this device stands, as its line shows it: on its way (greyed, with a
 * clock), refused, or never confirmed. Every other line, and a message once confirmed, is
 * {@link #SHOWN}.
 */
public sealed interface Delivery {
    /** A received message, a confirmed own one, or a notice: shown as it is. */
    Delivery SHOWN = new Shown();

    /** Shown as it is: no sending mark. */
    record Shown() implements Delivery {
    }

    /**
     * Sent and not confirmed yet: greyed with a clock, "sending…"; once {@code overdue} (not
     * confirmed within {@code ChatWindow.PENDING_NOTICE_AFTER}) it says that it is sent again, once,
     * when the connection allows (docs/PROTOCOL.md 14.5).
     */
    record Pending(boolean overdue) implements Delivery {
    }

    /** Refused for good, with the reason in the user's language: not sent (its text went back into the input). */
    record Refused(String reason) implements Delivery {
        public Refused {
            java.util.Objects.requireNonNull(reason, "reason");
        }
    }

    /** Never confirmed ({@code SendNotConfirmedException}): it may or may not have been delivered. */
    record Unconfirmed() implements Delivery {
    }

    /**
     * Not confirmed when the session ended, and kept by this device for its next start
     * ({@code SendNotConfirmedException.keptForNextStart}: an end-to-end message, or a plaintext-room
     * one, in the device's outbox): sent again then, once, and reported; its text is not given back,
     * since sending it again would be a second message.
     */
    record Kept() implements Delivery {
    }
}
