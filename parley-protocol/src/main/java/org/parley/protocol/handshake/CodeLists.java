package org.parley.protocol.handshake;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.IntFunction;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.suite.SuiteComponent;
import org.parley.protocol.suite.SuitePreferences;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Reads and writes an ordered list of component codes.
 *
 * <pre>
 *   struct CodeList {
 *     u8  count;                // 1..16
 *     u16 codes[count];         // no duplicates, all known
 *   }
 * </pre>
 */
final class CodeLists {
    private CodeLists() {
    }

    static void write(WireWriter out, List<? extends SuiteComponent> components) {
        out.u8(components.size());
        for (SuiteComponent component : components) {
            out.u16(component.code());
        }
    }

    static <T extends SuiteComponent> List<T> read(WireReader in, String field, IntFunction<Optional<T>> lookup)
            throws WireFormatException {
        int count = in.u8();
        if (count < 1 || count > SuitePreferences.MAX_PER_COMPONENT) {
            throw new WireFormatException(field + " count out of range: " + count);
        }
        List<T> list = new ArrayList<>(count);
        Set<T> seen = new HashSet<>();
        for (int i = 0; i < count; i++) {
            int code = in.u16();
            T component = lookup.apply(code).orElseThrow(() ->
                    new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown " + field + " code " + code));
            if (!seen.add(component)) {
                throw new WireFormatException(Alert.ILLEGAL_PARAMETER, "duplicate " + field + " " + component);
            }
            list.add(component);
        }
        return list;
    }

    static <T extends SuiteComponent> T readOne(WireReader in, String field, IntFunction<Optional<T>> lookup)
            throws WireFormatException {
        int code = in.u16();
        return lookup.apply(code).orElseThrow(() ->
                new WireFormatException(Alert.ILLEGAL_PARAMETER, "unknown " + field + " code " + code));
    }
}
