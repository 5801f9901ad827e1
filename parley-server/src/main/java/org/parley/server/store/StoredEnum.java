package org.parley.server.store;

/**
 * Reads an enumeration constant stored by name. An unknown name means the file was written by a
 * newer server or damaged: that is a store error, never a silent default.
 */
final class StoredEnum {

    private StoredEnum() {
    }

    static <E extends Enum<E>> E parse(E[] values, String stored, String what) throws StoreException {
        for (E value : values) {
            if (value.name().equals(stored)) {
                return value;
            }
        }
        throw new StoreException("unknown " + what + " in the database: " + stored);
    }
}
