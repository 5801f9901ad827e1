package org.parley.server.chat;

import java.util.Objects;
import org.parley.crypto.Bytes;
import org.parley.protocol.chat.ChatEvent;

/**
 * One logged-in connection: which account it is (set once, from authentication) and how to reach it.
 *
 * <p><b>Security.</b> {@code user} is the account's stored display name, taken from the
 * successful login or registration, never from any field of a chat request: every message the
 * session sends carries this name as its sender.
 *
 * @param id unique per server run, for logs
 * @param user the account's display name (NFC)
 * @param canonical the account's canonical name (its store key)
 * @param remote the peer address, for logs
 * @param channelBinding this connection's 32-byte channel binding, which end-to-end device proofs sign
 *     (empty when unknown: then every proof fails)
 */
public record ChatSession(long id, String user, String canonical, String remote, SessionLink link, Bytes channelBinding) {
    public ChatSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(link, "link");
        Objects.requireNonNull(channelBinding, "channelBinding");
    }

    /** A session without a channel binding (no device proof can succeed on it). */
    public ChatSession(long id, String user, String canonical, String remote, SessionLink link) {
        this(id, user, canonical, remote, link, Bytes.empty());
    }

    public void deliver(ChatEvent event) {
        link.deliver(event);
    }

    /** Delivers {@code events} in order, with nothing from other threads between them. */
    public void deliverAll(java.util.List<ChatEvent> events) {
        link.deliverAll(events);
    }
}
