package org.parley.server.store;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The key under which the message store files a user or room: the canonical form the shared design
 * fixes for names, {@code NFKC} then lower case in {@link Locale#ROOT}.
 *
 * <p>Messages keep the sender and recipient exactly as given (the display form is what readers
 * see), while matching (private history between two users, offline delivery, room history) uses
 * this key, so a caller that passes a display name in one place and the canonical name in another
 * still finds the same conversation. The key is idempotent on canonical names.
 */
final class ConversationKey {

    private ConversationKey() {
    }

    static String of(String name) {
        return Normalizer.normalize(name, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    /** The two users' keys in a fixed order, so (a, b) and (b, a) name the same conversation. */
    static String[] pair(String userA, String userB) {
        String a = of(userA);
        String b = of(userB);
        return a.compareTo(b) <= 0 ? new String[] {a, b} : new String[] {b, a};
    }
}
