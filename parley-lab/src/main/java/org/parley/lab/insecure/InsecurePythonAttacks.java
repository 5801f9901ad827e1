package org.parley.lab.insecure;

import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.insecure.InsecureMd5;
import org.parley.lab.Actor;
import org.parley.lab.Check;
import org.parley.lab.Outcome;
import org.parley.lab.Trace;

/** The lab's attacks on {@link InsecurePythonOriginal}: reading logins and messages, and swapping keys. */
public final class InsecurePythonAttacks {
    static final String MESSAGE = "meet at nine";
    /** What an eavesdropper guesses short chat lines to be. */
    static final List<String> GUESSES = List.of("hello", "ok", "yes", "no", "meet at eight", "meet at nine", "bye");

    private InsecurePythonAttacks() {
    }

    /** A passive eavesdropper; succeeded iff the login name or the message is read off the wire. */
    public static Outcome eavesdrop(Trace trace) {
        SecureRandom random = new SecureRandom();
        InsecureTextbookRsa client = InsecureTextbookRsa.generate(512, random);
        InsecureTextbookRsa server = InsecureTextbookRsa.generate(512, random);
        String login = InsecurePythonOriginal.loginRecord("alice", "gaqey", client.publicKey());
        String chat = InsecurePythonOriginal.chatRecord(server.publicKey(), MESSAGE);
        trace.add(Actor.ATTACKER, "insecure.python.captured", login.length(), chat.length());
        String name = InsecurePythonOriginal.readLoginName(login);
        trace.add(Actor.ATTACKER, "insecure.python.name", name);
        String md5 = InsecurePythonOriginal.md5Field(chat);
        Optional<String> guessed = GUESSES.stream().filter(g -> InsecureMd5.hex(g).equals(md5)).findFirst();
        trace.add(Actor.ATTACKER, "insecure.python.guess", md5, guessed.orElse("-"));
        return name.equals("alice") || guessed.isPresent() ? Outcome.succeeded()
                : Outcome.defeated(new Check("-", "-", "-"));
    }

    /**
     * The on-path attacker replaces the server key in a server frame with its own, reads the client's
     * next message, and forwards a forged one under the real key with a recomputed MD5; succeeded iff
     * the server accepts the forgery.
     */
    public static Outcome keySubstitution(Trace trace) {
        SecureRandom random = new SecureRandom();
        InsecureTextbookRsa server = InsecureTextbookRsa.generate(512, random);
        InsecureTextbookRsa mallory = InsecureTextbookRsa.generate(512, random);
        trace.add(Actor.ATTACKER, "insecure.python.swap", server.publicKey().shortForm(), mallory.publicKey().shortForm());
        String toMallory = InsecurePythonOriginal.chatRecord(mallory.publicKey(), MESSAGE);
        Optional<String> read = InsecurePythonOriginal.serverReads(mallory, toMallory);
        trace.add(Actor.ATTACKER, "insecure.python.read", read.orElse("-"));
        String forged = "meet at ten";
        String toServer = InsecurePythonOriginal.chatRecord(server.publicKey(), forged);
        Optional<String> accepted = InsecurePythonOriginal.serverReads(server, toServer);
        trace.add(Actor.SERVER, "insecure.python.accepted", accepted.orElse("-"));
        return accepted.filter(forged::equals).isPresent() ? Outcome.succeeded()
                : Outcome.defeated(new Check("-", "-", "-"));
    }
}
