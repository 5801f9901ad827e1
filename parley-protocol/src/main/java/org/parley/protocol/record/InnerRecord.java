package org.parley.protocol.record;

import org.parley.crypto.Bytes;

/** The authenticated content of one record and its inner type. */
public record InnerRecord(InnerType type, Bytes content) {
}
