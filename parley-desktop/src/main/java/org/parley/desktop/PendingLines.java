package org.parley.desktop;

import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.parley.client.e2ee.E2eMessage;
import org.parley.client.e2ee.room.E2eRoomMessage;

/**
 * The messages being sent from this window, each shown at once as a line of its conversation,
 * greyed with a clock ({@link Delivery.Pending}), until it is settled: replaced by the real message,
 * or turned into a failed line. The lines live in the model ({@link ConversationState#lines()}), so
 * switching conversations, loading history or a change of language keeps them. FX thread only.
 *
 * <p><b>Order.</b> As in Signal, messages on their way stay at the end of their conversation in the
 * order they were sent; anything that arrives meanwhile (messages of others, notices) goes above
 * them ({@link #end}). A message is confirmed in place: its line is replaced where it is, so the
 * common case (one message at a time, or confirmations in send order) never moves a line, and a
 * confirmed message then sits in the order the server stored it, since whatever the server stored
 * before it has already arrived above it. A message settled while one sent before it is still on
 * its way (or failed) moves up above the lines still on their way.
 *
 * <p><b>Confirmation.</b> An end-to-end message (private, or in an encrypted room) is confirmed only
 * by its future, which returns the message with its id; one the device's history already showed is
 * not shown twice. A plaintext room message is confirmed by the id the server's answer gives and
 * by the server's echo of it ({@code RoomMessage}), which may come before or after the answer:
 * <ul>
 *   <li>answer first: the line takes the id at once (with the local time), and the echo with that
 *       id then replaces it where it is, bringing the server's time;
 *   <li>echo first: an own message not shown yet, newer than every line shown, with the same text as
 *       the oldest message on its way without an answer, replaces that line at once; the answer then
 *       checks the id. If it is another id (the same text sent meanwhile from another device of this
 *       account), the echoed message stays (it is real), and this one is shown with its own id.
 *   <li>history first: a page of the newest messages read after the server stored it, before its
 *       answer, holds it; the page's copy is taken for it by the same rule as an early echo, and
 *       the pending line goes ({@link #inHistory}).
 * </ul>
 */
final class PendingLines {
    /** Answered messages still waiting for an echo (one that never comes: the room was left) are forgotten beyond this many. */
    private static final int MOST_AWAITING_ECHO = 200;

    private final ChatModel model;
    /** Plaintext room messages that may still meet their echo, oldest first. */
    private final List<Send> awaitingEcho = new ArrayList<>();

    PendingLines(ChatModel model) {
        this.model = model;
    }

    /** One message being sent: its conversation and its line as shown now. FX thread only. */
    static final class Send {
        private final ConversationState state;
        private final boolean plain;
        /** The line as first shown: the text as typed, the local time. */
        private final ChatLine typed;
        /** Its text as the client library sends it (NFC), to recognise an echo that comes before the answer. */
        private final String text;
        /** The line as shown now. */
        private ChatLine line;
        /** The id of the echo that replaced this line before the answer came (0: none). */
        private long echoed;
        /** The id the server's answer gave, whose echo is still to come (0: none). */
        private long answered;
        private boolean settled;

        private Send(ConversationState state, ChatLine line, boolean plain) {
            this.state = state;
            this.typed = line;
            this.line = line;
            this.plain = plain;
            this.text = Normalizer.normalize(line.text(), Normalizer.Form.NFC);
        }

        ConversationState state() {
            return state;
        }
    }

    /**
     * Shows {@code text}, just sent to {@code state}, at the very end of the conversation, greyed.
     *
     * @param endToEnd sent end to end (private, or an encrypted room): settled by its future only;
     *     otherwise a plaintext room message, settled by its answer's id and the server's echo
     */
    Send sending(ConversationState state, String text, boolean endToEnd) {
        ChatLine line = new ChatLine(0, ChatLine.Kind.OWN, model.me(), Instant.now(), text,
                endToEnd ? ChatLine.Protection.END_TO_END : ChatLine.Protection.CHANNEL, new Delivery.Pending(false));
        state.lines().add(line);
        Send send = new Send(state, line, !endToEnd);
        if (send.plain) {
            if (awaitingEcho.size() >= MOST_AWAITING_ECHO) {
                awaitingEcho.removeIf(waiting -> waiting.settled);
            }
            awaitingEcho.add(send);
        }
        return send;
    }

    /** Not confirmed in time: its line says it is sent again, once, when the connection allows. */
    void overdue(Send send) {
        if (!send.settled && send.echoed == 0) {
            replace(send, send.line.with(new Delivery.Pending(true)));
        }
    }

    /** Refused for good, for {@code reason} (in the user's language): its line says it was not sent. */
    void refused(Send send, String reason) {
        failed(send, new Delivery.Refused(reason));
    }

    /** Never confirmed (5 minutes, or the session ended): its line says it may or may not have been delivered. */
    void unconfirmed(Send send) {
        failed(send, new Delivery.Unconfirmed());
    }

    /** Not confirmed when the session ended, kept by the device for its next start: its line says so. */
    void kept(Send send) {
        failed(send, new Delivery.Kept());
    }

    private void failed(Send send, Delivery failure) {
        if (send.settled) {
            return;
        }
        send.settled = true;
        awaitingEcho.remove(send);
        if (send.echoed != 0) {
            // The line went to an identical message of another device: this one gets a line of its own.
            send.state.lines().add(end(send.state), send.typed.with(failure));
        } else {
            settle(send, send.line.with(failure));
        }
    }

    /** The server stored the plaintext room message as {@code id} (its answer). */
    void stored(Send send, long id) {
        if (send.settled) {
            return;
        }
        send.settled = true;
        if (send.echoed == id) {
            awaitingEcho.remove(send);
            return;
        }
        ChatLine confirmed = new ChatLine(id, ChatLine.Kind.OWN, send.typed.from(), send.typed.time(), send.typed.text());
        if (shown(send.state, id)) {
            awaitingEcho.remove(send); // a history page brought it first
            if (send.echoed == 0) {
                remove(send);
            }
        } else if (send.echoed != 0) {
            send.answered = id;
            send.line = confirmed;
            send.state.lines().add(end(send.state), confirmed);
        } else {
            send.answered = id;
            settle(send, confirmed);
        }
    }

    /** An end-to-end private message sent here was delivered: its line becomes the message returned. */
    void sent(Send send, E2eMessage message) {
        if (model.conversations().contains(send.state)) {
            delivered(send, ChatLines.endToEnd(message), model.firstShowing(send.state, message.messageId()));
        } else {
            model.sentOrReceived(message); // its conversation was closed meanwhile: it opens again
        }
    }

    /** A message of an encrypted room sent here was delivered: its line becomes the message returned. */
    void sent(Send send, E2eRoomMessage message) {
        if (model.conversations().contains(send.state)) {
            delivered(send, ChatLines.inRoom(message, model.me()), model.firstShowing(send.state, message.messageId()));
        } else {
            model.roomMessage(message);
        }
    }

    private void delivered(Send send, ChatLine real, boolean firstShowing) {
        if (send.settled) {
            return;
        }
        send.settled = true;
        if (firstShowing) {
            settle(send, real);
        } else {
            remove(send); // the device's history showed it already
        }
    }

    /**
     * An own plaintext room message arrived in {@code state}: if it is the echo of a message sent
     * here, it takes that message's line, and true says it is shown.
     *
     * @param live false for a message replayed on joining again, which may be an old one
     */
    boolean echo(ConversationState state, ChatLine own, boolean live) {
        if (own.kind() != ChatLine.Kind.OWN || own.protection() != ChatLine.Protection.CHANNEL || own.id() <= 0) {
            return false;
        }
        for (Send send : awaitingEcho) {
            if (send.state == state && send.answered == own.id()) {
                awaitingEcho.remove(send);
                replace(send, own);
                return true;
            }
        }
        if (shown(state, own.id()) || !live && state.lines().stream().anyMatch(l -> l.id() > own.id())) {
            return false; // an older message: not one just sent
        }
        Send send = earlyCopyOf(state, own);
        if (send == null) {
            return false;
        }
        settle(send, own);
        return true;
    }

    /**
     * A page of history about to be shown in {@code state} holds {@code own}, which may be a
     * message sent here whose answer has not come yet (the server stored it, and the page was read
     * after that): if it is taken for one by the rule of an early echo ({@link #echo}, as for a
     * message replayed on joining: not shown yet and newer than every line shown), that message's
     * pending line goes and the page's copy, at its place in the page, is its line from now on.
     * The answer then settles it as after an early echo: if it gives another id (the page's copy was
     * an older message with the same text, read before this one was stored), this message gets its
     * own line at the end. Called before the page is inserted, oldest message first.
     *
     * <p>Why the page's copy and not the pending line: the page puts the message in the order the
     * server stored it, among messages of others stored after it that the same page brings; the
     * pending line at the end of the conversation would show it below those, and leaving the
     * page's copy out until the answer would open a gap in the page that a refusal could not fill.
     *
     * @return true if {@code own} is now the line of a message sent here
     */
    boolean inHistory(ConversationState state, ChatLine own) {
        if (own.kind() != ChatLine.Kind.OWN || own.protection() != ChatLine.Protection.CHANNEL || own.id() <= 0
                || state.lines().stream().anyMatch(l -> l.id() >= own.id())) {
            return false;
        }
        Send send = earlyCopyOf(state, own);
        if (send == null) {
            return false;
        }
        remove(send);
        send.line = own;
        return true;
    }

    /**
     * The oldest message sent to {@code state} without an answer or an early copy yet whose text
     * is {@code own}'s (NFC), now marked as having {@code own} as its early copy; null if none.
     */
    private Send earlyCopyOf(ConversationState state, ChatLine own) {
        String text = Normalizer.normalize(own.text(), Normalizer.Form.NFC);
        for (Send send : awaitingEcho) {
            if (send.state == state && !send.settled && send.echoed == 0 && send.text.equals(text)) {
                send.echoed = own.id();
                return send;
            }
        }
        return null;
    }

    /** Where a line that is not on its way goes: above the first message still on its way, else at the end. */
    static int end(ConversationState state) {
        List<ChatLine> lines = state.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).inFlight()) {
                return i;
            }
        }
        return lines.size();
    }

    /**
     * Puts {@code next} in place of the send's line (which is on its way), or above the messages on
     * their way sent before it.
     */
    private static void settle(Send send, ChatLine next) {
        List<ChatLine> lines = send.state.lines();
        int from = at(send);
        int to = end(send.state);
        if (from == to) {
            lines.set(from, next);
        } else {
            if (from >= 0) {
                lines.remove(from);
            }
            lines.add(Math.min(to, lines.size()), next);
        }
        send.line = next;
    }

    private static void replace(Send send, ChatLine next) {
        int at = at(send);
        if (at >= 0) {
            send.state.lines().set(at, next);
        } else {
            send.state.lines().add(end(send.state), next);
        }
        send.line = next;
    }

    private static void remove(Send send) {
        int at = at(send);
        if (at >= 0) {
            send.state.lines().remove(at);
        }
    }

    /** The index of the send's line, or -1: found by identity, since two lines may be equal. */
    private static int at(Send send) {
        List<ChatLine> lines = send.state.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i) == send.line) {
                return i;
            }
        }
        return -1;
    }

    private static boolean shown(ConversationState state, long id) {
        return state.lines().stream().anyMatch(l -> l.id() == id);
    }
}
