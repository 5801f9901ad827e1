package org.parley.desktop;

import java.time.Instant;

/**
 * One line of a conversation pane: a message (own, someone else's, private) or a notice.
 *
 * @param id the server's message id (increasing), 0 for notices
 * @param kind how it is styled
 * @param from the authenticated sender's display name (empty for notices)
 * @param time when the server stored it (or when the notice happened)
 * @param text the message text or the already localised notice
 */
public record ChatLine(long id, Kind kind, String from, Instant time, String text) {

    /** The visual style of a line; the CSS class is the lower-case name. */
    public enum Kind { OWN, OTHER, PRIVATE, NOTICE }

    public String styleClass() {
        return "line-" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }
}
