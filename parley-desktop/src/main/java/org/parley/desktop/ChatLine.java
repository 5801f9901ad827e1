package org.parley.desktop;

import java.time.Instant;

/**
 * One line of a conversation pane: a message (own, someone else's, private) or a notice, and for a
 * message written here, where its sending stands ({@link Delivery}).
 *
 * @param id the server's message id (increasing), 0 for notices
 * @param kind how it is styled
 * @param from the authenticated sender's display name (empty for notices)
 * @param time when the server stored it (or when the notice happened)
 * @param text the message text or the already localised notice, as shown: bidi formatting and
 *     control characters other than line breaks and tabs are replaced ({@link DisplayText})
 * @param protection whether a private message was end-to-end encrypted
 * @param delivery {@link Delivery#SHOWN} for every line but a message written here that is not
 *     confirmed yet (its id is then 0 and its time the local clock's) or never was
 */
public record ChatLine(long id, Kind kind, String from, Instant time, String text, Protection protection,
        Delivery delivery) {
    private static final java.time.format.DateTimeFormatter TIME = java.time.format.DateTimeFormatter.ofPattern("HH:mm");

    public ChatLine {
        text = DisplayText.safe(text);
        java.util.Objects.requireNonNull(delivery, "delivery");
    }

    /** A confirmed or received message, or a notice. */
    public ChatLine(long id, Kind kind, String from, Instant time, String text, Protection protection) {
        this(id, kind, from, time, text, protection, Delivery.SHOWN);
    }

    /** The visual style of a line; the CSS class is the lower-case name. */
    public enum Kind { OWN, OTHER, PRIVATE, NOTICE }

    /** What protected a message on its way, shown next to private messages. */
    public enum Protection {
        /** A room message or a notice: the channel to the server (rooms are the next issue). */
        CHANNEL,
        /** A private message encrypted end to end: shown with a lock. */
        END_TO_END,
        /** A private message the server stored readable, from before end-to-end encryption. */
        NOT_END_TO_END
    }

    /** A room message or a notice. */
    public ChatLine(long id, Kind kind, String from, Instant time, String text) {
        this(id, kind, from, time, text, Protection.CHANNEL);
    }

    /** This line in another stage of its sending. */
    public ChatLine with(Delivery next) {
        return new ChatLine(id, kind, from, time, text, protection, next);
    }

    /** True while this message written here is on its way: greyed, at the end of its conversation. */
    public boolean inFlight() {
        return delivery instanceof Delivery.Pending;
    }

    /** Shows the id, kind, sender, time, the text's length and the delivery's stage, never the text: it may be a message. */
    @Override
    public String toString() {
        return "ChatLine[" + id + ", " + kind + ", " + from + ", " + time + ", " + text.length() + " chars, " + protection
                + ", " + delivery.getClass().getSimpleName() + "]";
    }

    /** The time as its line shows it: hours and minutes in {@code zone}. */
    public String shownTime(java.time.ZoneId zone) {
        return TIME.withZone(zone).format(time);
    }

    /**
     * Whether this line is highlighted for mentioning {@code me} ({@code @name}): someone else's
     * message, never an own one or a notice.
     */
    public boolean mentions(String me) {
        return (kind == Kind.OTHER || kind == Kind.PRIVATE) && org.parley.client.Mentions.mentions(text, me);
    }

    public String styleClass() {
        return "line-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
