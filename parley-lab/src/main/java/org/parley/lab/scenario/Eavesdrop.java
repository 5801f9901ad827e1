package org.parley.lab.scenario;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.AttackRun;
import org.parley.lab.Check;
import org.parley.lab.LabTarget;
import org.parley.lab.Outcome;
import org.parley.lab.Scenario;
import org.parley.lab.Trace;
import org.parley.lab.Variant;
import org.parley.lab.Verdict;
import org.parley.lab.insecure.InsecurePythonAttacks;
import org.parley.lab.insecure.InsecureStaticKeyTransport;
import org.parley.lab.net.CapturedFrame;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;

/**
 * A passive eavesdropper records a whole session (handshake, key login, one message) and looks for
 * the user name and the message text in what it captured. Against Parley it sees frame types,
 * sizes, the offered and chosen suite codes, random values, key shares and ciphertext.
 */
public final class Eavesdrop implements Scenario {
    static final String SECRET = "the vault code is 4711";

    @Override
    public String name() {
        return "eavesdrop";
    }

    @Override
    public Set<Variant> variants() {
        return Set.of(Variant.PARLEY, Variant.INSECURE_PYTHON_ORIGINAL, Variant.INSECURE_STATIC_KEY);
    }

    @Override
    public Verdict expected(Variant variant) {
        return variant == Variant.PARLEY ? Verdict.DEFEATED : Verdict.SUCCEEDED;
    }

    @Override
    public Outcome run(LabTarget target, Variant variant, Trace trace) throws Exception {
        return switch (variant) {
            case PARLEY -> parley(target, trace);
            case INSECURE_PYTHON_ORIGINAL -> InsecurePythonAttacks.eavesdrop(trace);
            case INSECURE_STATIC_KEY -> InsecureStaticKeyTransport.recordThenSteal(trace);
            case INSECURE_NO_MAC, INSECURE_NO_BINDING, INSECURE_NO_SIGNATURE, INSECURE_NO_DOWNGRADE_PROTECTION,
                 INSECURE_TOFU_CLIENT, INSECURE_RETRY_CLIENT, INSECURE_FORGETFUL_SERVER ->
                    throw new IllegalArgumentException("no such variant of " + name());
        };
    }

    private Outcome parley(LabTarget target, Trace trace) throws Exception {
        List<CapturedFrame> frames;
        try (AttackRun run = AttackRun.start(target, trace, FrameTap.PASSIVE)) {
            try (ParleyClient victim = target.loggedIn(run.via(), Quiet.LISTENER)) {
                // Private messages are end to end only (issue 8): the lab's application data is a room message.
                LabTarget.await(victim.join("lobby"));
                trace.add(Actor.CLIENT, "client.sends", SECRET.length());
                LabTarget.await(victim.sendRoom("lobby", SECRET));
            }
            frames = run.proxy().captured();
        }
        int shown = 0;
        for (CapturedFrame f : frames) {
            if (shown++ < 10) {
                trace.add(Actor.ATTACKER, "attacker.sees", f.direction().arrow(), String.format("0x%02x", f.type()),
                        f.payloadLength(), FrameEdits.hexPrefix(f.bytes().slice(3, f.bytes().length()), 12));
            }
        }
        trace.add(Actor.ATTACKER, "attacker.total", frames.size(), frames.stream().mapToInt(f -> f.bytes().length()).sum());
        frames.stream().filter(f -> f.type() == 0x16 && f.direction().arrow().startsWith("C")).findFirst()
                .ifPresent(hello -> trace.add(Actor.ATTACKER, "attacker.offer",
                        FrameEdits.offeredKeyExchanges(hello.bytes()).stream().map(c -> String.format("0x%04x", c)).toList()));
        boolean secretSeen = contains(frames, SECRET);
        boolean userSeen = contains(frames, target.user());
        trace.add(Actor.ATTACKER, "attacker.search", SECRET.length(), secretSeen, userSeen);
        if (secretSeen || userSeen) {
            return Outcome.succeeded();
        }
        return Outcome.defeated(new Check("ciphertext-only", "10.2, 13.1, 17", "RecordWriter"));
    }

    private static boolean contains(List<CapturedFrame> frames, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        for (CapturedFrame f : frames) {
            if (indexOf(f.bytes(), needle) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(Bytes haystack, byte[] needle) {
        byte[] h = haystack.toByteArray();
        outer:
        for (int i = 0; i + needle.length <= h.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (h[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
