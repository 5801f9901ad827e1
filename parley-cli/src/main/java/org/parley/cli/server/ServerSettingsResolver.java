package org.parley.cli.server;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.parley.protocol.suite.Preset;
import org.parley.server.RegistrationPolicy;
import org.parley.server.ServerLimits;
import org.parley.server.ServerSettings;
import org.parley.server.chat.CreationLimits;
import org.parley.server.chat.RequestRate;
import org.parley.server.metrics.MetricsSettings;

/**
 * Resolves the server's settings from, highest precedence first: command-line flags, environment
 * variables ({@code PARLEY_DATA}, {@code PARLEY_BIND}, {@code PARLEY_PORT}, {@code PARLEY_PRESET},
 * {@code PARLEY_REGISTRATION}), the properties file given with {@code --config} (or
 * {@code PARLEY_CONFIG}), and the defaults. Limits and the metrics endpoint are set in the config
 * file only (docs/OPERATIONS.md lists the keys).
 */
public final class ServerSettingsResolver {
    static final String DEFAULT_DATA = "parley-data";
    static final String DEFAULT_BIND = "0.0.0.0";
    static final int DEFAULT_PORT = 7443;
    /** The longest timeout a config file may set, one year in seconds. */
    static final long MAX_TIMEOUT_SECONDS = 365L * 24 * 60 * 60;
    private static final int MAX_HISTORY_ON_JOIN = 1000;
    private static final int MAX_HANDSHAKE_THREADS = 1024;
    /** Every key a config file may hold. */
    private static final Set<String> KEYS = Set.of("data", "bind", "port", "preset", "registration", "show-messages",
            "metrics.listen", "metrics.allow-non-loopback",
            "limits.handshake-timeout-seconds", "limits.idle-timeout-seconds", "limits.login-timeout-seconds",
            "limits.max-message-bytes", "limits.max-connections-per-ip", "limits.max-connections",
            "limits.login-attempts-per-minute-per-account", "limits.login-attempts-per-minute-per-ip",
            "limits.max-concurrent-password-hashes", "limits.outbound-buffer-bytes", "limits.history-on-join",
            "limits.chat-send-burst", "limits.chat-send-per-second", "limits.chat-read-burst", "limits.chat-read-per-second",
            "limits.handshake-per-ip-burst", "limits.handshake-per-ip-per-second", "limits.handshake-burst",
            "limits.handshake-per-second", "limits.key-update-burst", "limits.key-update-per-second",
            "limits.handshake-threads", "limits.max-rooms-per-account", "limits.max-invites-per-account");

    private final Map<String, String> env;

    public ServerSettingsResolver(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    /** The settings to start the server with; a bad value fails with a message naming its source. */
    public ServerSettings resolve(ServerFlags flags) throws IOException {
        Properties config = loadConfig(flags.config() != null ? flags.config() : pathFromEnv());
        Path data = Path.of(pick(flags.data() == null ? null : flags.data().toString(), "PARLEY_DATA", config, "data", DEFAULT_DATA));
        String bind = pick(flags.bind(), "PARLEY_BIND", config, "bind", DEFAULT_BIND);
        int port = parsePort(pick(flags.port() == null ? null : flags.port().toString(), "PARLEY_PORT", config, "port",
                Integer.toString(DEFAULT_PORT)));
        Preset preset = parseEnum(Preset.class, pick(flags.preset(), "PARLEY_PRESET", config, "preset", "MODERN"), "preset");
        RegistrationPolicy registration = parseEnum(RegistrationPolicy.class,
                pick(flags.registration(), "PARLEY_REGISTRATION", config, "registration", "OPEN"), "registration");
        boolean showMessages = flags.showMessages() || showMessages(config);
        return new ServerSettings(new InetSocketAddress(bind, port), data, preset, registration, showMessages, limits(config),
                metrics(config));
    }

    /** {@code metrics.listen} (HOST:PORT, [IPv6]:PORT; absent or blank: off) and {@code metrics.allow-non-loopback}. */
    private static MetricsSettings metrics(Properties config) {
        String listen = config.getProperty("metrics.listen", "").strip();
        String allow = config.getProperty("metrics.allow-non-loopback", "false").strip();
        if (!allow.equals("true") && !allow.equals("false")) {
            throw new IllegalArgumentException("metrics.allow-non-loopback must be true or false, got '" + allow + "'");
        }
        if (listen.isEmpty()) {
            return MetricsSettings.off();
        }
        int colon = listen.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("metrics.listen must be HOST:PORT, e.g. 127.0.0.1:"
                    + MetricsSettings.DEFAULT_PORT + ", got '" + listen + "'");
        }
        String host = listen.substring(0, colon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = parsePort(listen.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("metrics.listen: " + e.getMessage(), e);
        }
        return new MetricsSettings(Optional.of(new InetSocketAddress(host, port)), Boolean.parseBoolean(allow));
    }

    /** {@code PARLEY_SHOW_MESSAGES} or {@code show-messages}: true or false (any case); another word is an error, not "off". */
    private boolean showMessages(Properties config) {
        String fromEnv = env.get("PARLEY_SHOW_MESSAGES");
        boolean inEnv = fromEnv != null && !fromEnv.isBlank();
        String value = pick(null, "PARLEY_SHOW_MESSAGES", config, "show-messages", "false");
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw new IllegalArgumentException((inEnv ? "PARLEY_SHOW_MESSAGES" : "show-messages")
                    + " must be true or false, got '" + value + "'");
        }
        return Boolean.parseBoolean(value);
    }

    private Path pathFromEnv() {
        String value = env.get("PARLEY_CONFIG");
        return value == null || value.isBlank() ? null : Path.of(value);
    }

    private String pick(String flag, String envName, Properties config, String key, String fallback) {
        if (flag != null) {
            return flag;
        }
        String fromEnv = env.get(envName);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.strip();
        }
        return Optional.ofNullable(config.getProperty(key)).map(String::strip).orElse(fallback);
    }

    private static ServerLimits limits(Properties config) {
        ServerLimits d = ServerLimits.defaults();
        return new ServerLimits(
                seconds(config, "limits.handshake-timeout-seconds", d.handshakeTimeout()),
                seconds(config, "limits.idle-timeout-seconds", d.idleTimeout()),
                integer(config, "limits.max-message-bytes", d.maxMessageBytes(), 1024, 16 * 1024 * 1024),
                integer(config, "limits.max-connections-per-ip", d.maxConnectionsPerIp(), 1, Integer.MAX_VALUE),
                integer(config, "limits.login-attempts-per-minute-per-account", d.loginAttemptsPerMinutePerAccount(), 1, Integer.MAX_VALUE),
                integer(config, "limits.login-attempts-per-minute-per-ip", d.loginAttemptsPerMinutePerIp(), 1, Integer.MAX_VALUE),
                integer(config, "limits.max-concurrent-password-hashes", d.maxConcurrentPasswordHashes(), 1, Integer.MAX_VALUE),
                integer(config, "limits.outbound-buffer-bytes", d.outboundBufferBytes(), 1024, Integer.MAX_VALUE),
                integer(config, "limits.history-on-join", d.historyOnJoin(), 0, MAX_HISTORY_ON_JOIN),
                rate(config, "limits.chat-send", d.chatSendRate()),
                rate(config, "limits.chat-read", d.chatReadRate()),
                integer(config, "limits.max-connections", d.maxConnections(), 1, ServerLimits.MAX_CONNECTIONS),
                seconds(config, "limits.login-timeout-seconds", d.loginTimeout()),
                rate(config, "limits.handshake-per-ip", d.handshakeRatePerIp()),
                rate(config, "limits.handshake", d.handshakeRate()),
                rate(config, "limits.key-update", d.keyUpdateRate()),
                integer(config, "limits.handshake-threads", d.handshakeThreads(), 1, MAX_HANDSHAKE_THREADS),
                creation(config, d.creation()));
    }

    /** Per-account creation bounds from {@code limits.max-rooms-per-account} and {@code limits.max-invites-per-account}. */
    private static CreationLimits creation(Properties config, CreationLimits fallback) {
        return new CreationLimits(integer(config, "limits.max-rooms-per-account", fallback.roomsPerAccount(), 1, CreationLimits.MAX),
                integer(config, "limits.max-invites-per-account", fallback.invitesPerAccount(), 1, CreationLimits.MAX));
    }

    /** A token-bucket rate (chat per account, handshakes, KeyUpdates) from {@code <prefix>-burst} and {@code <prefix>-per-second}. */
    private static RequestRate rate(Properties config, String prefix, RequestRate fallback) {
        return new RequestRate(integer(config, prefix + "-burst", fallback.burst(), 1, RequestRate.MAX),
                integer(config, prefix + "-per-second", fallback.perSecond(), 1, RequestRate.MAX));
    }

    /** 1 second .. 365 days: a longer timeout would overflow the milliseconds the timers are scheduled in. */
    private static Duration seconds(Properties config, String key, Duration fallback) {
        String value = config.getProperty(key);
        return value == null ? fallback : Duration.ofSeconds(bounded(key, value, 1, MAX_TIMEOUT_SECONDS));
    }

    private static int integer(Properties config, String key, int fallback, int min, int max) {
        String value = config.getProperty(key);
        return value == null ? fallback : (int) bounded(key, value, min, max);
    }

    /** {@code value} as a whole number in {@code min..max}; anything else fails naming {@code key}, the range and the value. */
    private static long bounded(String key, String value, long min, long max) {
        long parsed;
        try {
            parsed = Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
        if (parsed < min || parsed > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", got " + value.strip());
        }
        return parsed;
    }

    private static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.strip());
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0..65535, got " + value);
            }
            return port;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("port must be a number, got '" + value + "'", e);
        }
    }

    private static <E extends Enum<E>> E parseEnum(Class<E> type, String value, String what) {
        try {
            return Enum.valueOf(type, value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown " + what + " '" + value + "'", e);
        }
    }

    /**
     * The config file's settings; a file that cannot be read, a malformed escape or a key that is
     * not a setting (a typo would otherwise be ignored silently) fails naming the file.
     */
    private static Properties loadConfig(Path file) throws IOException {
        Properties properties = new Properties();
        if (file == null) {
            return properties;
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new IOException("cannot read the config file " + file + ": no such file", e);
        } catch (AccessDeniedException e) {
            throw new IOException("cannot read the config file " + file + ": permission denied", e);
        } catch (IOException e) {
            throw new IOException("cannot read the config file " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("config file " + file + ": " + e.getMessage(), e);
        }
        Optional<String> unknown = properties.stringPropertyNames().stream().filter(key -> !KEYS.contains(key)).sorted().findFirst();
        if (unknown.isPresent()) {
            throw new IllegalArgumentException("config file " + file + ": unknown setting '" + unknown.get()
                    + "' (docs/OPERATIONS.md lists the settings)");
        }
        return properties;
    }
}
