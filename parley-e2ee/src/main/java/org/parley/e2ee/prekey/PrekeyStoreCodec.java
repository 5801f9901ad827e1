package org.parley.e2ee.prekey;

import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * The persisted form of a {@link MemoryPrekeyStore} (docs/E2EE.md, "Device state"):
 * {@code version u8 (1) ‖ next_id u32 × 4 (kinds 1..4) ‖ count u16 (≤ 1000) ‖ entry*}, each entry
 * {@code kind u8 ‖ key_id u32 ‖ created_at u64 (ms since the epoch) ‖ secret<32|64> (u8 length)}.
 * It holds private keys: the client keeps it in an owner-only file.
 */
public final class PrekeyStoreCodec {

    private PrekeyStoreCodec() {
    }

    public static SecretBytes encode(MemoryPrekeyStore store) {
        WireWriter out = new WireWriter().u8(1);
        Map<PrekeyKind, Long> ids = store.nextIds();
        for (PrekeyKind kind : PrekeyKind.values()) {
            out.u32(ids.get(kind));
        }
        out.u16(store.all().size());
        for (StoredPrekey stored : store.all()) {
            byte[] secret = stored.secret().revealCopy();
            out.u8(stored.kind().code()).u32(stored.keyId()).u64(stored.createdAt().toEpochMilli())
                    .vector8(Bytes.wrapOwned(secret));
        }
        return SecretBytes.wrapOwned(out.toBytes().toByteArray());
    }

    public static MemoryPrekeyStore decode(SecretBytes encoded) throws E2eeException {
        MemoryPrekeyStore store = new MemoryPrekeyStore();
        try {
            WireReader reader = WireReader.of(Bytes.wrapOwned(encoded.revealCopy()));
            if (reader.u8() != 1) {
                throw new E2eeException(E2eeError.UNSUPPORTED_VERSION, "prekey store version");
            }
            Map<PrekeyKind, Long> ids = new EnumMap<>(PrekeyKind.class);
            for (PrekeyKind kind : PrekeyKind.values()) {
                ids.put(kind, reader.u32());
            }
            int count = reader.u16();
            if (count > MemoryPrekeyStore.MAX_KEYS) {
                throw E2eeException.malformed("prekey store holds more than " + MemoryPrekeyStore.MAX_KEYS + " keys");
            }
            for (int i = 0; i < count; i++) {
                int code = reader.u8();
                PrekeyKind kind = PrekeyKind.fromCode(code)
                        .orElseThrow(() -> E2eeException.malformed("unknown prekey kind " + code));
                long keyId = reader.u32();
                Instant createdAt = Instant.ofEpochMilli(reader.u64());
                int secretLength = kind.isKem() ? 64 : 32;
                Bytes secret = reader.vector8("secret", secretLength, secretLength);
                store.restore(new StoredPrekey(kind, keyId, createdAt, SecretBytes.copyOf(secret.toByteArray())), ids);
            }
            reader.expectEnd();
            // Also when no entry was read: a store whose keys were all used still never reuses an id.
            store.restoreNextIds(ids);
            return store;
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "prekey store: " + e.getMessage(), e);
        }
    }
}
