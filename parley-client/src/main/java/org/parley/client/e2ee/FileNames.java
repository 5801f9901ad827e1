package org.parley.client.e2ee;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** File names for user and server names: kept as they are when plainly safe, else hex-encoded. */
public final class FileNames {
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_.-]{0,63}");

    private FileNames() {
    }

    public static String safe(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.equals(name) && SAFE.matcher(name).matches() && !name.contains("..")) {
            return name;
        }
        return "x-" + HexFormat.of().formatHex(name.getBytes(StandardCharsets.UTF_8));
    }
}
