package org.parley.crypto.wycheproof;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.parley.crypto.Bytes;

/** One Wycheproof test case with the group it belongs to. */
public final class WycheproofCase {
    /** Wycheproof's expected outcome. */
    public enum Result { VALID, INVALID, ACCEPTABLE }

    private final JsonNode group;
    private final JsonNode test;

    WycheproofCase(JsonNode group, JsonNode test) {
        this.group = group;
        this.test = test;
    }

    public int tcId() {
        return test.path("tcId").asInt();
    }

    public String comment() {
        return test.path("comment").asText();
    }

    public Result result() {
        return Result.valueOf(test.path("result").asText().toUpperCase(java.util.Locale.ROOT));
    }

    public Set<String> flags() {
        Set<String> flags = new HashSet<>();
        test.path("flags").forEach(flag -> flags.add(flag.asText()));
        return flags;
    }

    public boolean hasFlag(String flag) {
        return flags().contains(flag);
    }

    /** A hex field of the test, e.g. {@code key}, {@code msg}, {@code ct}. */
    public Bytes hex(String field) {
        return Bytes.fromHex(test.path(field).asText());
    }

    /** A string field of the test. */
    public String text(String field) {
        return test.path(field).asText();
    }

    /** An integer field of the test. */
    public int integer(String field) {
        return test.path(field).asInt();
    }

    /** The raw test node, for fields the helpers above do not cover. */
    public JsonNode test() {
        return test;
    }

    /** The raw group node (keys, sizes, curve, hash). */
    public JsonNode group() {
        return group;
    }

    /** A hex field of the group, e.g. {@code publicKeyDer}. */
    public Bytes groupHex(String field) {
        return Bytes.fromHex(group.path(field).asText());
    }

    /** An integer field of the group, e.g. {@code ivSize}. */
    public int groupInt(String field) {
        return group.path(field).asInt();
    }

    @Override
    public String toString() {
        return "tc" + tcId() + " (" + comment() + ", " + result() + ", flags " + flags() + ")";
    }
}
