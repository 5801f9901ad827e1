package org.parley.server.chat;

import java.util.Objects;
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
 */
public record ChatSession(long id, String user, String canonical, String remote, SessionLink link) {
    public ChatSession {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(canonical, "canonical");
        Objects.requireNonNull(link, "link");
    }

    public void deliver(ChatEvent event) {
        link.deliver(event);
    }
}
