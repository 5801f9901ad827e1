package org.parley.desktop;

import java.util.Optional;

/** What the line of a message written here says about its sending, in the user's language; nothing once it is confirmed. */
final class DeliveryText {
    private DeliveryText() {
    }

    /** The mark under the text: a clock while it is sent, a warning sign when it failed; empty for {@link Delivery#SHOWN}. */
    static Optional<String> status(I18n i18n, Delivery delivery) {
        return words(i18n, delivery).map(words -> (delivery instanceof Delivery.Pending || delivery instanceof Delivery.Kept ? "🕓 " : "⚠ ") + words);
    }

    /** The same in words only, without the sign (what a screen reader says, {@link ScreenReaderText}). */
    static Optional<String> words(I18n i18n, Delivery delivery) {
        return switch (delivery) {
            case Delivery.Shown shown -> Optional.empty();
            case Delivery.Pending pending -> Optional.of(i18n.get(pending.overdue() ? "notice.sendPending" : "chat.sending"));
            case Delivery.Refused refused -> Optional.of(i18n.get("notice.notSent", refused.reason()));
            case Delivery.Unconfirmed unconfirmed -> Optional.of(i18n.get("notice.notConfirmed"));
            case Delivery.Kept kept -> Optional.of(i18n.get("notice.keptForNextStart"));
        };
    }
}
