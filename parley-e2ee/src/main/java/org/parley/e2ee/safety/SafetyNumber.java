package org.parley.e2ee.safety;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.TreeSet;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.protocol.wire.WireWriter;

/**
 * The safety number of a pair of users (docs/E2EE.md section 13): 60 digits, the same on both
 * sides, covering every device signing key of both users, and the 65 bytes a QR code carries.
 *
 * @param digits 60 decimal digits, the lexicographically smaller user half first
 * @param qrPayload {@code 0x01 ‖ fingerprint(first) ‖ fingerprint(second)}
 */
public record SafetyNumber(String digits, Bytes qrPayload) {
    public static final int ITERATIONS = 5200;
    public static final int MAX_DEVICES = 64;
    private static final Bytes LABEL = Bytes.utf8("parley-e2ee v1 safety number");

    /** The digits as twelve groups of five, separated by spaces. */
    public String grouped() {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits.length(); i += 5) {
            if (i > 0) {
                out.append(' ');
            }
            out.append(digits, i, i + 5);
        }
        return out.toString();
    }

    /** Whether a scanned QR payload shows the same number. */
    public boolean matchesScanned(Bytes scanned) {
        return qrPayload.constantTimeEquals(scanned);
    }

    /** The safety number of users {@code a} and {@code b}, each with their devices' Ed25519 signing keys. */
    public static SafetyNumber of(String userA, Collection<Bytes> keysA, String userB, Collection<Bytes> keysB) {
        UserHalf a = half(userA, keysA);
        UserHalf b = half(userB, keysB);
        boolean aFirst = a.digits.compareTo(b.digits) <= 0;
        UserHalf first = aFirst ? a : b;
        UserHalf second = aFirst ? b : a;
        Bytes qr = new WireWriter(65).u8(1).fixed(first.fingerprint).fixed(second.fingerprint).toBytes();
        return new SafetyNumber(first.digits + second.digits, qr);
    }

    /** One user's 30 digits and 32-byte fingerprint. */
    static UserHalf half(String user, Collection<Bytes> signingKeys) {
        TreeSet<String> sorted = new TreeSet<>();
        for (Bytes key : signingKeys) {
            if (key.length() != 32) {
                throw new IllegalArgumentException("Ed25519 signing keys are 32 bytes");
            }
            sorted.add(key.toHex());
        }
        if (sorted.isEmpty() || sorted.size() > MAX_DEVICES) {
            throw new IllegalArgumentException("a user has 1.." + MAX_DEVICES + " devices");
        }
        List<Bytes> keys = new ArrayList<>();
        sorted.forEach(hex -> keys.add(Bytes.fromHex(hex)));
        Bytes allKeys = Bytes.concat(keys.toArray(Bytes[]::new));
        Bytes name = Bytes.utf8(user);
        HashFunction sha512 = HashAlgorithm.SHA512.create();
        byte[] h = sha512.digest(new WireWriter().fixed(LABEL).u16(name.length()).fixed(name).u16(keys.size())
                .fixed(allKeys).toBytes()).toByteArray();
        for (int i = 1; i < ITERATIONS; i++) {
            h = sha512.digest(Bytes.concat(Bytes.wrapOwned(h), allKeys)).toByteArray();
        }
        StringBuilder digits = new StringBuilder();
        for (int j = 0; j < 6; j++) {
            long chunk = 0;
            for (int k = 0; k < 5; k++) {
                chunk = (chunk << 8) | (h[5 * j + k] & 0xff);
            }
            digits.append(String.format(java.util.Locale.ROOT, "%05d", chunk % 100_000));
        }
        return new UserHalf(digits.toString(), Bytes.wrapOwned(Arrays.copyOf(h, 32)));
    }

    record UserHalf(String digits, Bytes fingerprint) {
    }
}
