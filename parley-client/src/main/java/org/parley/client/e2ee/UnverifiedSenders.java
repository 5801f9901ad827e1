package org.parley.client.e2ee;

import java.io.IOException;
import java.util.HashSet;
import java.util.Set;
import org.parley.crypto.Bytes;

/**
 * Says when a message comes from a device of a verified contact that the verification did not
 * cover with the key it used (added or changed since, not accepted: docs/E2EE.md §20.5): such a
 * message may be the contact's new device, or one the server added in the contact's name. Private
 * messages get an {@link E2eEvent.FromUnverifiedDevice} before the device's first message in this
 * session; rooms ask {@link #unverified} and say it themselves. The device's worker thread only.
 */
final class UnverifiedSenders {
    private final E2eContext context;
    private final Set<Shown> shown = new HashSet<>();

    private record Shown(String user, long device, Bytes identity) {
    }

    UnverifiedSenders(E2eContext context) {
        this.context = context;
    }

    /** True if {@code user} is verified and the verification did not cover {@code device} with {@code identity}. */
    boolean unverified(String user, long device, Bytes identity) throws IOException {
        if (user.equals(context.user())) {
            return false;
        }
        Contact contact = context.state().contact(user);
        return contact.verified && !contact.vouches(device, identity);
    }

    /** Reports {@link E2eEvent.FromUnverifiedDevice} once per device and key if {@link #unverified}. */
    void check(String user, long device, Bytes identity) throws IOException {
        if (unverified(user, device, identity) && shown.add(new Shown(user, device, identity))) {
            context.emit(new E2eEvent.FromUnverifiedDevice(user, device));
        }
    }
}
