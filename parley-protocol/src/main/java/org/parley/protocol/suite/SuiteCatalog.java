package org.parley.protocol.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Everything Parley can negotiate, with its labels, for the {@code suites} command and the
 * desktop client's advanced settings.
 */
public final class SuiteCatalog {
    private SuiteCatalog() {
    }

    /** Every component of every kind, in wire-code order within each kind. */
    public static List<SuiteComponent> components() {
        List<SuiteComponent> all = new ArrayList<>();
        all.addAll(sorted(KeyExchangeComponent.values()));
        all.addAll(sorted(SignatureComponent.values()));
        all.addAll(sorted(CipherComponent.values()));
        all.addAll(sorted(HashComponent.values()));
        return List.copyOf(all);
    }

    /** The kind of a component, as shown to users. */
    public static String kind(SuiteComponent component) {
        return switch (component) {
            case KeyExchangeComponent k -> "key exchange";
            case SignatureComponent s -> "signature";
            case CipherComponent c -> "cipher";
            case HashComponent h -> "hash";
        };
    }

    /** One line per component: kind, label, code, bits, forward secrecy, PQ, status. */
    public static List<String> describe() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "%-13s %-24s %-6s %5s  %-3s %-3s %s", "kind", "label", "code", "bits", "FS", "PQ", "status"));
        for (SuiteComponent component : components()) {
            String forwardSecret = component instanceof KeyExchangeComponent k ? (k.forwardSecret() ? "yes" : "no") : "-";
            lines.add(String.format(Locale.ROOT, "%-13s %-24s 0x%04x %5d  %-3s %-3s %s", kind(component), component.label(),
                    component.code(), component.securityBits(), forwardSecret, component.postQuantum() ? "yes" : "no",
                    component.status().name().toLowerCase(Locale.ROOT)));
        }
        return lines;
    }

    private static List<SuiteComponent> sorted(SuiteComponent[] values) {
        List<SuiteComponent> list = new ArrayList<>(List.of(values));
        list.sort((a, b) -> Integer.compare(a.code(), b.code()));
        return list;
    }
}
