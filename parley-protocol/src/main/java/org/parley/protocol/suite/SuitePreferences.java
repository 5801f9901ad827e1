package org.parley.protocol.suite;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Ordered lists of acceptable components, most preferred first: what a client offers, or what a
 * server accepts. Built from a {@link Preset} or, for experts and tests, from explicit lists.
 *
 * <p>Lists are non-empty, free of duplicates, and at most {@link #MAX_PER_COMPONENT} long (the
 * wire limit in docs/PROTOCOL.md).
 */
public record SuitePreferences(
        List<KeyExchangeComponent> keyExchanges,
        List<SignatureComponent> signatures,
        List<CipherComponent> ciphers,
        List<HashComponent> hashes) {

    /** Most entries any one component list may have on the wire. */
    public static final int MAX_PER_COMPONENT = 16;

    public SuitePreferences {
        keyExchanges = checked(keyExchanges, "key exchanges");
        signatures = checked(signatures, "signatures");
        ciphers = checked(ciphers, "ciphers");
        hashes = checked(hashes, "hashes");
    }

    /** A single fixed suite, for tests and experts. */
    public static SuitePreferences only(CipherSuite suite) {
        return new SuitePreferences(List.of(suite.keyExchange()), List.of(suite.signature()),
                List.of(suite.cipher()), List.of(suite.hash()));
    }

    /**
     * Server side: picks, for each component independently, this side's most preferred entry
     * that the peer offered.
     *
     * @return empty when some component has no common entry
     */
    public Optional<CipherSuite> select(SuitePreferences offered) {
        var kex = firstIn(keyExchanges, offered.keyExchanges::contains);
        var sig = firstIn(signatures, offered.signatures::contains);
        var cipher = firstIn(ciphers, offered.ciphers::contains);
        var hash = firstIn(hashes, offered.hashes::contains);
        if (kex.isEmpty() || sig.isEmpty() || cipher.isEmpty() || hash.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new CipherSuite(kex.get(), sig.get(), cipher.get(), hash.get()));
    }

    /** Whether every component of {@code suite} is in these lists. */
    public boolean permits(CipherSuite suite) {
        return keyExchanges.contains(suite.keyExchange()) && signatures.contains(suite.signature())
                && ciphers.contains(suite.cipher()) && hashes.contains(suite.hash());
    }

    /** The same preferences restricted to signatures this side can actually produce. */
    public SuitePreferences withSignaturesLimitedTo(Predicate<SignatureComponent> available) {
        return new SuitePreferences(keyExchanges, signatures.stream().filter(available).toList(), ciphers, hashes);
    }

    private static <T> Optional<T> firstIn(List<T> preference, Predicate<T> offered) {
        return preference.stream().filter(offered).findFirst();
    }

    private static <T> List<T> checked(List<T> list, String what) {
        if (list == null || list.isEmpty()) {
            throw new IllegalArgumentException("no " + what + " configured");
        }
        if (list.size() > MAX_PER_COMPONENT) {
            throw new IllegalArgumentException("too many " + what + ": " + list.size());
        }
        if (new LinkedHashSet<>(list).size() != list.size()) {
            throw new IllegalArgumentException("duplicate " + what + " in " + list);
        }
        return List.copyOf(new ArrayList<>(list));
    }
}
