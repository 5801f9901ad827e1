package org.parley.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.parley.client.ClientListener;
import org.parley.client.ClientOptions;
import org.parley.client.ParleyClient;
import org.parley.crypto.SignatureAlgorithm;
import org.parley.crypto.SigningKey;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.identity.PinStore;
import org.parley.protocol.suite.SignatureComponent;
import org.parley.server.ParleyServer;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.RequestRate;

/**
 * The server under attack and the lab's account on it: either a server this lab starts on the
 * loopback interface (its audit log then shows what the server saw) or a student's own server
 * ({@code --server HOST:PORT}, open registration needed). The lab registers one account, adds an
 * Ed25519 login key to it, and logs in with that key in every scenario (cheap, and key logins do
 * not count against the account's password throttle).
 */
public final class LabTarget implements AutoCloseable {
    /** How long any single step of a scenario may take before the lab gives up. */
    public static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);

    private final InetSocketAddress server;
    private final Optional<ParleyServer> owned;
    private final Optional<ServerAudit> audit;
    private final Path workDirectory;
    private final SecureRandom random = new SecureRandom();
    private Optional<org.parley.lab.e2e.MaliciousRoomLogs> roomLogs = Optional.empty();
    private Fingerprint fingerprint;
    private Optional<org.parley.client.InsecureKeyLogFile> keyLog = Optional.empty();
    private SignatureComponent keyAlgorithm;
    private org.parley.crypto.Bytes publicKey;
    private String user;
    private SigningKey loginKey;

    private LabTarget(InetSocketAddress server, Optional<ParleyServer> owned, Path workDirectory) {
        this.server = server;
        this.owned = owned;
        this.workDirectory = workDirectory;
        this.audit = owned.map(s -> new ServerAudit(workDirectory.resolve("server").resolve("logs").resolve("audit.jsonl")));
    }

    /**
     * The limits of a lab server: a 3-second handshake deadline (so slow-loris ends quickly), three
     * password attempts per account a minute (so brute force meets the throttle quickly), and room
     * for the many connections the scenarios open from one address.
     */
    public static ServerLimits labLimits() {
        return ServerLimits.defaults().withHandshakeTimeout(Duration.ofSeconds(3))
                .withLoginAttempts(LAB_PASSWORD_ATTEMPTS, 10_000).withMaxConnectionsPerIp(64)
                .withHandshakeRates(LAB_HANDSHAKE_RATE, LAB_HANDSHAKE_RATE);
    }

    /**
     * Handshakes a lab server admits: every scenario's parties connect from 127.0.0.1, and a whole
     * run (`--all`) opens far more connections a second than the default per-address bucket (20,
     * then 2 a second) allows on a fast machine. No scenario attacks the handshake rate limit, so
     * widening it changes no verdict; the default stays as it is on real servers.
     */
    static final RequestRate LAB_HANDSHAKE_RATE = new RequestRate(1_000, 200);

    /** Password attempts per account a minute on a lab server. */
    static final int LAB_PASSWORD_ATTEMPTS = 3;

    /** The handshake deadline of the server, if this lab knows it (it started the server). */
    public Optional<Duration> handshakeDeadline() {
        return owned.isPresent() ? Optional.of(labLimits().handshakeTimeout()) : Optional.empty();
    }

    /** Password attempts per account a minute, if this lab knows the server's limit (it started it). */
    public java.util.OptionalInt passwordAttemptsPerMinute() {
        return owned.isPresent() ? java.util.OptionalInt.of(LAB_PASSWORD_ATTEMPTS) : java.util.OptionalInt.empty();
    }

    /** The settings of a lab server with its data under {@code data}: open registration and {@link #labLimits()}. */
    public static ServerSettings labServer(Path data, InetSocketAddress bind) {
        return ServerSettings.defaults(data).withBind(bind).withRegistration(RegistrationPolicy.OPEN)
                .withLimits(labLimits());
    }

    /** Starts a server on 127.0.0.1 (ephemeral port) with its data under {@code workDirectory}, and signs up. */
    public static LabTarget startLocal(Path workDirectory) throws Exception {
        Path data = workDirectory.resolve("server");
        Files.createDirectories(workDirectory);
        org.parley.lab.e2e.MaliciousRoomLogs[] roomLogs = new org.parley.lab.e2e.MaliciousRoomLogs[1];
        ParleyServer server = ParleyServer.start(labServer(data, new InetSocketAddress("127.0.0.1", 0)),
                java.time.Clock.systemUTC(), store -> {
                    roomLogs[0] = new org.parley.lab.e2e.MaliciousRoomLogs(store);
                    return roomLogs[0];
                });
        LabTarget target = new LabTarget(server.address(), Optional.of(server), workDirectory);
        target.roomLogs = Optional.ofNullable(roomLogs[0]);
        try {
            target.signUp();
        } catch (Exception e) {
            target.close();
            throw e;
        }
        return target;
    }

    /** A student's server; the lab trusts its key on this first contact and registers an account. */
    public static LabTarget remote(InetSocketAddress server, Path workDirectory) throws Exception {
        Files.createDirectories(workDirectory);
        LabTarget target = new LabTarget(server, Optional.empty(), workDirectory);
        target.signUp();
        return target;
    }

    private void signUp() throws Exception {
        user = "lab_" + HexFormat.of().formatHex(bytes(4));
        loginKey = SignatureAlgorithm.ED25519.create().generate(random);
        try (ParleyClient client = connect(server, new InMemoryPinStore(), f -> true, Listener.IGNORE)) {
            fingerprint = client.session().serverFingerprint();
            keyAlgorithm = client.session().serverKeyAlgorithm();
            publicKey = client.session().serverPublicKey();
            char[] password = HexFormat.of().formatHex(bytes(16)).toCharArray();
            await(client.register(user, password, Optional.empty()));
            await(client.addLoginKey(SignatureComponent.ED25519, loginKey.publicKey()));
        }
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }

    /** The real server's address. */
    public InetSocketAddress server() {
        return server;
    }

    /** The real server's fingerprint, as an operator would publish it out of band. */
    public Fingerprint fingerprint() {
        return fingerprint;
    }

    /** The real server's public key, as any client sees it in ServerIdentity (encrypted, but not secret). */
    public org.parley.crypto.Bytes publicKey() {
        return publicKey;
    }

    /** The algorithm of {@link #publicKey()}. */
    public SignatureComponent keyAlgorithm() {
        return keyAlgorithm;
    }

    /**
     * From now on, connections the lab terminates itself (the relay's two sides) log their secrets
     * to {@code log} ({@code --keylog}).
     */
    public void logKeysTo(org.parley.client.InsecureKeyLogFile log) {
        keyLog = Optional.of(log);
    }

    /** The key log, if {@code --keylog} asked for one. */
    public Optional<org.parley.client.InsecureKeyLogFile> keyLog() {
        return keyLog;
    }

    /** The lab account's name. */
    public String user() {
        return user;
    }

    /** The server's audit log, if this lab started the server. */
    public Optional<ServerAudit> audit() {
        return audit;
    }

    /**
     * The SQLite database of the server this lab started (empty for {@code --server}): the
     * malicious-operator scenarios edit its end-to-end rows, as an operator with a shell could.
     */
    public Optional<Path> serverDatabase() {
        return owned.map(s -> workDirectory.resolve("server").resolve("parley.db"));
    }

    /**
     * The membership logs the lab's own server serves, which a malicious-operator scenario may
     * extend (empty for {@code --server}).
     */
    public Optional<org.parley.lab.e2e.MaliciousRoomLogs> roomLogs() {
        return roomLogs;
    }

    /** A fresh directory for a scenario's own files (an impostor server's data, for example). */
    public Path scratch(String name) throws IOException {
        return Files.createTempDirectory(workDirectory, name);
    }

    /**
     * Connects to {@code address} with the MODERN preset and no keepalive; waits for the handshake. With a key
     * log ({@link #logKeysTo}) the lab's own client writes its secrets there (the server never does).
     */
    public ParleyClient connect(InetSocketAddress address, PinStore pins, Predicate<Fingerprint> firstContact,
            ClientListener listener) throws Exception {
        // Without batch records: the scenarios watch, count and cut the server's records one by one, and a
        // request the client sends on its own after login would add a record they do not expect.
        ClientOptions options = new ClientOptions(address.getHostString(), address.getPort(),
                org.parley.protocol.suite.Preset.MODERN.preferences(), pins, firstContact, STEP_TIMEOUT, STEP_TIMEOUT,
                Duration.ZERO).withoutBatchRecords();
        return await(ParleyClient.connect(keyLog.map(options::withInsecureKeyLog).orElse(options), listener));
    }

    /**
     * Connects through {@code address} (usually the attacker's proxy) with the real server's key
     * already pinned for that name, as after an earlier visit.
     */
    public ParleyClient connectPinned(InetSocketAddress address, ClientListener listener) throws Exception {
        PinStore pins = new InMemoryPinStore();
        pins.pin(address.getHostString() + ":" + address.getPort(), fingerprint);
        return connect(address, pins, f -> false, listener);
    }

    /** Connects pinned through {@code address} and logs in with the lab account's key. */
    public ParleyClient loggedIn(InetSocketAddress address, ClientListener listener) throws Exception {
        ParleyClient client = connectPinned(address, listener);
        try {
            await(client.loginWithKey(user, loginKey));
            return client;
        } catch (Exception e) {
            client.close();
            throw e;
        }
    }

    /** Waits for {@code future} at most {@link #STEP_TIMEOUT}. */
    public static <T> T await(java.util.concurrent.Future<T> future) throws Exception {
        return future.get(STEP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        owned.ifPresent(ParleyServer::close);
    }

    /** A listener for clients whose pushed events the scenario does not need. */
    enum Listener implements ClientListener {
        IGNORE;

        @Override
        public void onEvent(ChatEvent.Push event) {
        }

        @Override
        public void onDisconnected(String reason) {
        }
    }
}
