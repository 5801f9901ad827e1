package org.parley.e2ee;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.Bytes;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.prekey.MemoryPrekeyStore;
import org.parley.e2ee.prekey.PrekeyBundle;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.e2ee.prekey.PrekeyRecord;
import org.parley.e2ee.prekey.VerifiedBundle;
import org.parley.protocol.testing.InsecureDeterministicRandom;

/** Devices, prekeys and bundles for tests, all from deterministic randomness. */
public final class Fixtures {
    public static final Instant NOW = Instant.parse("2026-12-05T00:00:00Z");

    private Fixtures() {
    }

    public static SecureRandom random(String seed) {
        return new InsecureDeterministicRandom("parley e2ee test " + seed);
    }

    /** A device with its prekey store holding one signed, one one-time X25519, one one-time and one last-resort KEM prekey. */
    public record Device(DeviceKeys keys, MemoryPrekeyStore store, PrekeyRecord signed, PrekeyRecord oneTime,
            PrekeyRecord oneTimeKem, PrekeyRecord lastResort) {

        public PrekeyBundle bundle(boolean withOneTime, boolean withOneTimeKem) {
            return new PrekeyBundle(1, keys.identity().encoded(), signed.encode(),
                    withOneTime ? Optional.of(oneTime.encode()) : Optional.empty(),
                    withOneTimeKem ? oneTimeKem.encode() : lastResort.encode());
        }

        public VerifiedBundle verifiedBundle() {
            try {
                return VerifiedBundle.verify(bundle(true, true), Optional.empty());
            } catch (E2eeException e) {
                throw new AssertionError(e);
            }
        }
    }

    public static Device device(String name, List<E2eSuite> suites) {
        SecureRandom random = random(name);
        DeviceKeys keys = DeviceKeys.generate(suites, random);
        MemoryPrekeyStore store = new MemoryPrekeyStore();
        return new Device(keys, store, store.generate(keys, PrekeyKind.SIGNED_X25519, NOW, random),
                store.generate(keys, PrekeyKind.ONE_TIME_X25519, NOW, random),
                store.generate(keys, PrekeyKind.ONE_TIME_MLKEM768, NOW, random),
                store.generate(keys, PrekeyKind.LAST_RESORT_MLKEM768, NOW, random));
    }

    public static Device device(String name) {
        return device(name, List.of(E2eSuite.values()));
    }

    public static InnerMessage text(String text, int id) {
        byte[] messageId = new byte[16];
        messageId[12] = (byte) (id >>> 24);
        messageId[13] = (byte) (id >>> 16);
        messageId[14] = (byte) (id >>> 8);
        messageId[15] = (byte) id;
        return InnerMessage.text(text, Bytes.wrapOwned(messageId), NOW.plusSeconds(id));
    }
}
