package org.parley.server.chat;

/**
 * What one account may make the server keep for it, whatever its request rate.
 *
 * <p><b>Security.</b> Without these bounds an account within its rate limit could still create
 * rooms and invitations without end (five a second for a day is 432,000 rooms), and the chat
 * layer holds all of them in memory. A request past a bound is refused with {@code not_permitted}
 * and a detail naming the bound.
 *
 * @param roomsPerAccount rooms an account may own at once (config {@code limits.max-rooms-per-account})
 * @param invitesPerAccount invitations an account may have outstanding, over all rooms
 *        ({@code limits.max-invites-per-account}); an invitation stops counting once it is used,
 *        withdrawn, or its user kicked or banned
 */
public record CreationLimits(int roomsPerAccount, int invitesPerAccount) {
    /** Largest value accepted for either bound. */
    public static final int MAX = 1_000_000;

    public CreationLimits {
        if (roomsPerAccount < 1 || roomsPerAccount > MAX || invitesPerAccount < 1 || invitesPerAccount > MAX) {
            throw new IllegalArgumentException("creation limits must be 1.." + MAX);
        }
    }

    /** 20 rooms and 200 outstanding invitations per account. */
    public static CreationLimits defaults() {
        return new CreationLimits(20, 200);
    }
}
