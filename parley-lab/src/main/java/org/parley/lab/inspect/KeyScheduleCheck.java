package org.parley.lab.inspect;

import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.protocol.record.LabeledHkdf;

/**
 * The key schedule of PROTOCOL.md 9.2 recomputed from what the key log holds, step by step, each
 * derived value compared with the logged one (✔/✘). Where a value is logged it is used; where it is
 * not but can be derived, the derived one is.
 */
final class KeyScheduleCheck {
    private final LabeledHkdf hkdf;
    private final KeyLog.Secrets logged;
    private final List<Detail> details;

    /** Traffic secrets of the two directions, and the secret they came from. */
    record Keys(Optional<SecretBytes> from, SecretBytes client, SecretBytes server) {
    }

    KeyScheduleCheck(LabeledHkdf hkdf, KeyLog.Secrets logged, List<Detail> details) {
        this.hkdf = hkdf;
        this.logged = logged;
        this.details = details;
    }

    /** handshake_secret, c_hs and s_hs over TH(ServerHello). */
    Optional<Keys> handshake(Bytes transcriptAfterServerHello) {
        Optional<SecretBytes> derivedHs = logged.get("shared secret").map(shared -> {
            SecretBytes hs = hkdf.hash().hkdfExtract(Bytes.empty(), shared);
            step("handshake_secret = HKDF-Extract(0, shared_secret)", hs);
            return hs;
        });
        Optional<SecretBytes> hs = compare("handshake secret", derivedHs);
        Optional<SecretBytes> client = compare("c hs traffic",
                hs.map(s -> expand(s, "c hs traffic", transcriptAfterServerHello, "c_hs = HKDF-Expand-Label(handshake_secret, \"c hs traffic\", TH(ServerHello))")));
        Optional<SecretBytes> server = compare("s hs traffic",
                hs.map(s -> expand(s, "s hs traffic", transcriptAfterServerHello, "s_hs = HKDF-Expand-Label(handshake_secret, \"s hs traffic\", TH(ServerHello))")));
        return keys(hs, client, server, "handshake");
    }

    /** master_secret, c_ap, s_ap and exporter over TH(server Finished). */
    Optional<Keys> application(Optional<SecretBytes> handshakeSecret, Bytes transcriptAfterServerFinished) {
        int length = hkdf.hash().length();
        Optional<SecretBytes> derivedMaster = handshakeSecret.map(hs -> {
            SecretBytes derived = expand(hs, "derived", hkdf.hash().digest(Bytes.empty()),
                    "derived = HKDF-Expand-Label(handshake_secret, \"derived\", Hash(\"\"))");
            try (SecretBytes zeros = SecretBytes.zeros(length)) {
                SecretBytes master = hkdf.hash().hkdfExtract(Bytes.wrapOwned(derived.revealCopy()), zeros);
                step("master_secret = HKDF-Extract(derived, 0)", master);
                return master;
            }
        });
        Optional<SecretBytes> master = compare("master secret", derivedMaster);
        Optional<SecretBytes> client = compare("c ap traffic", master.map(m -> expand(m, "c ap traffic",
                transcriptAfterServerFinished, "c_ap = HKDF-Expand-Label(master_secret, \"c ap traffic\", TH(server Finished))")));
        Optional<SecretBytes> server = compare("s ap traffic", master.map(m -> expand(m, "s ap traffic",
                transcriptAfterServerFinished, "s_ap = HKDF-Expand-Label(master_secret, \"s ap traffic\", TH(server Finished))")));
        compare("exporter", master.map(m -> expand(m, "exporter", transcriptAfterServerFinished,
                "exporter = HKDF-Expand-Label(master_secret, \"exporter\", TH(server Finished))")));
        return keys(master, client, server, "application");
    }

    private Optional<Keys> keys(Optional<SecretBytes> from, Optional<SecretBytes> client, Optional<SecretBytes> server, String stage) {
        if (client.isEmpty() || server.isEmpty()) {
            details.add(Detail.note("inspect.keylog.lacks", "@inspect.stage." + stage));
            return Optional.empty();
        }
        return Optional.of(new Keys(from, client.get(), server.get()));
    }

    private SecretBytes expand(SecretBytes secret, String label, Bytes context, String explanation) {
        SecretBytes out = hkdf.expand(secret, label, context, hkdf.hash().length());
        step(explanation, out);
        return out;
    }

    private void step(String explanation, SecretBytes value) {
        details.add(Detail.of(Detail.Kind.KEY_SCHEDULE, "inspect.step", explanation,
                HandshakeFields.hex(Bytes.wrapOwned(value.revealCopy()), 8)));
    }

    /** The logged value if there is one (compared with the derived one when both exist), else the derived one. */
    private Optional<SecretBytes> compare(String label, Optional<SecretBytes> derived) {
        Optional<SecretBytes> fromLog = logged.get(label);
        if (fromLog.isPresent() && derived.isPresent()) {
            boolean same = Bytes.wrapOwned(fromLog.get().revealCopy()).constantTimeEquals(Bytes.wrapOwned(derived.get().revealCopy()));
            details.add(Detail.check(same, same ? "inspect.logged.same" : "inspect.logged.differs", label));
        }
        return fromLog.isPresent() ? fromLog : derived;
    }
}
