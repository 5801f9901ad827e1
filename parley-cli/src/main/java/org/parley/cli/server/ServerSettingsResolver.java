package org.parley.cli.server;

import java.io.IOException;
import java.io.Reader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
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
        boolean showMessages = flags.showMessages()
                || Boolean.parseBoolean(pick(null, "PARLEY_SHOW_MESSAGES", config, "show-messages", "false"));
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
                integer(config, "limits.max-message-bytes", d.maxMessageBytes()),
                integer(config, "limits.max-connections-per-ip", d.maxConnectionsPerIp()),
                integer(config, "limits.login-attempts-per-minute-per-account", d.loginAttemptsPerMinutePerAccount()),
                integer(config, "limits.login-attempts-per-minute-per-ip", d.loginAttemptsPerMinutePerIp()),
                integer(config, "limits.max-concurrent-password-hashes", d.maxConcurrentPasswordHashes()),
                integer(config, "limits.outbound-buffer-bytes", d.outboundBufferBytes()),
                count(config, "limits.history-on-join", d.historyOnJoin()),
                rate(config, "limits.chat-send", d.chatSendRate()),
                rate(config, "limits.chat-read", d.chatReadRate()),
                integer(config, "limits.max-connections", d.maxConnections()),
                seconds(config, "limits.login-timeout-seconds", d.loginTimeout()),
                rate(config, "limits.handshake-per-ip", d.handshakeRatePerIp()),
                rate(config, "limits.handshake", d.handshakeRate()),
                rate(config, "limits.key-update", d.keyUpdateRate()),
                integer(config, "limits.handshake-threads", d.handshakeThreads()),
                creation(config, d.creation()));
    }

    /** Per-account creation bounds from {@code limits.max-rooms-per-account} and {@code limits.max-invites-per-account}. */
    private static CreationLimits creation(Properties config, CreationLimits fallback) {
        int rooms = integer(config, "limits.max-rooms-per-account", fallback.roomsPerAccount());
        int invites = integer(config, "limits.max-invites-per-account", fallback.invitesPerAccount());
        try {
            return new CreationLimits(rooms, invites);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("limits.max-rooms-per-account and limits.max-invites-per-account must be 1.."
                    + CreationLimits.MAX + ", got " + rooms + " and " + invites, e);
        }
    }

    /** A token-bucket rate (chat per account, handshakes, KeyUpdates) from {@code <prefix>-burst} and {@code <prefix>-per-second}. */
    private static RequestRate rate(Properties config, String prefix, RequestRate fallback) {
        int burst = integer(config, prefix + "-burst", fallback.burst());
        int perSecond = integer(config, prefix + "-per-second", fallback.perSecond());
        try {
            return new RequestRate(burst, perSecond);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(prefix + "-burst and " + prefix + "-per-second must be 1.."
                    + RequestRate.MAX + ", got " + burst + " and " + perSecond, e);
        }
    }

    private static Duration seconds(Properties config, String key, Duration fallback) {
        String value = config.getProperty(key);
        return value == null ? fallback : Duration.ofSeconds(positive(key, value));
    }

    private static int integer(Properties config, String key, int fallback) {
        String value = config.getProperty(key);
        return value == null ? fallback : Math.toIntExact(positive(key, value));
    }

    /** Like {@link #integer} but 0 is allowed (no history replayed on join). */
    private static int count(Properties config, String key, int fallback) {
        String value = config.getProperty(key);
        return value == null || !value.strip().equals("0") ? integer(config, key, fallback) : 0;
    }

    private static long positive(String key, String value) {
        try {
            long parsed = Long.parseLong(value.strip());
            if (parsed <= 0) {
                throw new IllegalArgumentException(key + " must be positive, got " + value);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " must be a number, got '" + value + "'", e);
        }
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

    private static Properties loadConfig(Path file) throws IOException {
        Properties properties = new Properties();
        if (file != null) {
            try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        }
        return properties;
    }
}
