package org.parley.server.store;

import org.parley.crypto.Bytes;

/** A checked prekey record with the kind and key id read from it; {@code record} is stored and handed out as is. */
public record StoredPrekey(PrekeyKind kind, long keyId, Bytes record) {
}
