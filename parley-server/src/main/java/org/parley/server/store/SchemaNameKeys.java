package org.parley.server.store;

import java.util.List;

/**
 * Schema step: the look-alike key of every account and room name (issue 11, names that cannot be
 * confused). {@code skeleton} holds {@code NameRules.confusableKey(name)}, a UTS #39 skeleton; it is
 * indexed but not unique, because names registered before this step may already collide: the
 * store refuses new collisions and the operator lists the old ones. The values are filled in (and
 * refreshed after an ICU upgrade) by {@link SqlNameKeys#refresh} when the store opens, since SQL
 * cannot compute them.
 */
final class SchemaNameKeys {

    static final List<String> STATEMENTS = List.of(
            "ALTER TABLE accounts ADD COLUMN skeleton TEXT",
            "ALTER TABLE rooms ADD COLUMN skeleton TEXT",
            "CREATE INDEX accounts_by_skeleton ON accounts (skeleton)",
            "CREATE INDEX rooms_by_skeleton ON rooms (skeleton)");

    private SchemaNameKeys() {
    }
}
