package org.parley.crypto.wycheproof;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * One Wycheproof vector file, read in place from the shared folder (never copied into the repo).
 *
 * <p>The folder is the system property {@code parley.wycheproof.dir}, which the build sets to
 * {@code ../shared/wycheproof} beside the checkout. Where it is absent (a user's fresh clone
 * without the shared folder), {@link #load} skips the calling test with a visible reason; CI and
 * developers always have it.
 */
public final class WycheproofFile {
    private final String name;
    private final JsonNode root;

    private WycheproofFile(String name, JsonNode root) {
        this.name = name;
        this.root = root;
    }

    /** The folder the vectors are read from. */
    public static Path directory() {
        String configured = System.getProperty("parley.wycheproof.dir");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("parley.project.root", ".")).resolve("../shared/wycheproof");
    }

    /** Loads {@code fileName}, or skips the current test with the reason if the folder is missing. */
    public static WycheproofFile load(String fileName) {
        Path path = directory().resolve(fileName).normalize();
        Assumptions.assumeTrue(Files.isRegularFile(path),
                "Wycheproof vectors not found at " + path + " (set -Dparley.wycheproof.dir); skipped");
        try {
            return new WycheproofFile(fileName, new ObjectMapper().readTree(path.toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + path, e);
        }
    }

    public String name() {
        return name;
    }

    public String algorithm() {
        return root.path("algorithm").asText();
    }

    public int declaredNumberOfTests() {
        return root.path("numberOfTests").asInt();
    }

    /** Every test case in file order, each with its group. */
    public List<WycheproofCase> cases() {
        List<WycheproofCase> cases = new ArrayList<>();
        for (JsonNode group : root.path("testGroups")) {
            for (JsonNode test : group.path("tests")) {
                cases.add(new WycheproofCase(group, test));
            }
        }
        return cases;
    }

    /** Starts a tally that prints this file's summary line. */
    public WycheproofTally tally(String provider) {
        return new WycheproofTally(name, provider);
    }
}
