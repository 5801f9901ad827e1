package org.parley.cli.chat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** One line typed by the user (or a script): text for the current room, or a slash command. */
public sealed interface ChatInput {

    /** Plain text for the current room. */
    record Say(String text) implements ChatInput {
        /** Shows the text's length only: it is a message. */
        @Override
        public String toString() {
            return "Say[" + text.length() + " chars]";
        }
    }

    /** {@code /join ROOM}: joins, creating a public room if none has that name. */
    record Join(String room) implements ChatInput {
    }

    /** {@code /leave [ROOM]}: the current room by default. */
    record Leave(Optional<String> room) implements ChatInput {
    }

    record Rooms() implements ChatInput {
    }

    /** {@code /who [ROOM]}; {@code /who *} lists everyone online. */
    record Who(Optional<String> room) implements ChatInput {
    }

    record Msg(String user, String text) implements ChatInput {
        /** Shows the text's length only: it is a message. */
        @Override
        public String toString() {
            return "Msg[" + user + ", " + text.length() + " chars]";
        }
    }

    /** {@code /verify USER [--mark]}: the safety number with USER; {@code --mark} marks USER verified. */
    record Verify(String user, boolean mark) implements ChatInput {
    }

    /** {@code /accept USER}: accepts the device changes of a verified contact, so sending resumes. */
    record Accept(String user) implements ChatInput {
    }

    /** {@code /devices}: this account's devices. */
    record Devices() implements ChatInput {
    }

    /** {@code /devices remove ID}: removes one of this account's devices. */
    record RemoveDevice(long deviceId) implements ChatInput {
    }

    record Topic(String topic) implements ChatInput {
    }

    record Invite(String user) implements ChatInput {
    }

    /** {@code /uninvite USER}: withdraws an invitation to the current private room. */
    record Uninvite(String user) implements ChatInput {
    }

    /**
     * {@code /create ROOM [--private|--public] [--encrypted|--plain]}: creates a room, public unless
     * {@code privateRoom}, and joins it; {@code encrypted} (private rooms by default) makes it an
     * end-to-end encrypted room, which it stays for good.
     */
    record Create(String room, boolean privateRoom, boolean encrypted) implements ChatInput {
    }

    /** {@code /room-security [ROOM]}: the end-to-end state of an encrypted room (default: the current one). */
    record RoomSecurity(Optional<String> room) implements ChatInput {
    }

    record Kick(String user, String reason) implements ChatInput {
    }

    /** {@code /unban USER}: lifts a ban in the current room. */
    record Unban(String user) implements ChatInput {
    }

    /** {@code /op USER} ({@code op} true) or {@code /deop USER}: makes USER an operator of the current room or a member again. */
    record Op(String user, boolean op) implements ChatInput {
    }

    /** {@code duration} zero means until lifted. */
    record Ban(String user, Duration duration, String reason) implements ChatInput {
    }

    /** {@code /history [N]} for the current room, {@code /history @USER [N]} for a private conversation. */
    record History(Optional<String> peer, int limit) implements ChatInput {
    }

    record Suite() implements ChatInput {
    }

    record Fingerprint() implements ChatInput {
    }

    /** {@code /rekey}: ratchet this client's record key now and ask the server to ratchet its own. */
    record Rekey() implements ChatInput {
    }

    /**
     * {@code /passwd}: prompts for the current password and the new one (twice); in --json mode
     * {@code /passwd CURRENT NEW} takes both on the line (the current one without spaces).
     */
    record Passwd(Optional<String> currentPassword, Optional<String> newPassword) implements ChatInput {
        /** Never shows the passwords, only whether they were given on the line. */
        @Override
        public String toString() {
            return "Passwd[" + (currentPassword.isPresent() ? "passwords given" : "prompt") + "]";
        }
    }

    /** {@code /addkey FILE}: registers the public key of a {@code parley keygen} file for key login. */
    record AddKey(Path file) implements ChatInput {
    }

    /** {@code /keys}: lists this account's login keys. */
    record Keys() implements ChatInput {
    }

    /** {@code /removekey FINGERPRINT}: removes the login key with that fingerprint (or its first 8+ hex digits). */
    record RemoveKey(String fingerprint) implements ChatInput {
    }

    record Quit() implements ChatInput {
    }

    record Help() implements ChatInput {
    }

    /** A line that is not a valid command; {@code usage} is the command's usage text or the unknown word. */
    record Invalid(String command, String usage) implements ChatInput {
    }
}
