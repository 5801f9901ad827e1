package org.parley.cli.chat;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.parley.client.InsecureKeyLogFile;
import org.parley.client.ServerAddress;
import org.parley.protocol.suite.Preset;

/**
 * Everything a chat session needs, resolved from the command line.
 *
 * @param register create the account instead of logging in
 * @param knownServers the file where server fingerprints are pinned
 * @param trustOnFirstUse pin an unknown server's key without asking
 * @param join rooms joined right after login (the last one becomes the current room)
 * @param keyLog {@code --keylog}: insecure, for teaching; where the session's secrets are written (empty: nowhere)
 */
public record ChatSettings(ServerAddress server, String user, LoginMethod login, boolean register,
        Optional<String> invite, Path knownServers, boolean trustOnFirstUse, Preset preset, List<String> join,
        Optional<InsecureKeyLogFile> keyLog) {

    public ChatSettings {
        join = List.copyOf(join);
        java.util.Objects.requireNonNull(keyLog, "keyLog");
    }

    /** Never shows the invite code, which admits whoever holds it (the login method hides its password itself). */
    @Override
    public String toString() {
        return "ChatSettings[" + server + ", " + user + ", " + login + (register ? ", register" : "")
                + (invite.isPresent() ? ", with invite code" : "") + ", " + knownServers
                + (trustOnFirstUse ? ", trust on first use" : "") + ", " + preset + ", join " + join
                + (keyLog.isPresent() ? ", key log" : "") + "]";
    }

    /** Settings without a key log (the default). */
    public ChatSettings(ServerAddress server, String user, LoginMethod login, boolean register,
            Optional<String> invite, Path knownServers, boolean trustOnFirstUse, Preset preset, List<String> join) {
        this(server, user, login, register, invite, knownServers, trustOnFirstUse, preset, join, Optional.empty());
    }
}
