package org.parley.e2ee.prekey;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.e2ee.Fixtures;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.prekey.PrekeyPolicy.ServerCounts;

class PrekeyMaintenanceTest {
    private final SecureRandom random = Fixtures.random("maintenance");
    private final DeviceKeys device = DeviceKeys.generate(random);
    private final MemoryPrekeyStore store = new MemoryPrekeyStore();
    private final PrekeyPolicy policy = PrekeyPolicy.DEFAULT;
    private final Instant start = Fixtures.NOW;

    @Test
    void aNewDeviceUploadsASignedPrekeyALastResortKeyAndFullPools() {
        List<PrekeyRecord> upload = store.maintain(device, new ServerCounts(0, 0), start, policy, random);

        assertThat(upload).extracting(PrekeyRecord::kind).containsOnlyOnce(PrekeyKind.SIGNED_X25519,
                PrekeyKind.LAST_RESORT_MLKEM768);
        assertThat(upload).filteredOn(r -> r.kind() == PrekeyKind.ONE_TIME_X25519).hasSize(100);
        assertThat(upload).filteredOn(r -> r.kind() == PrekeyKind.ONE_TIME_MLKEM768).hasSize(20);
    }

    @Test
    void nothingIsDueUntilAPoolIsLowOrAKeyIsOld() {
        store.maintain(device, new ServerCounts(0, 0), start, policy, random);

        assertThat(store.maintain(device, new ServerCounts(25, 5), start.plus(Duration.ofDays(6)), policy, random))
                .isEmpty();
        assertThat(store.maintain(device, new ServerCounts(24, 5), start.plus(Duration.ofDays(6)), policy, random))
                .hasSize(76).allMatch(r -> r.kind() == PrekeyKind.ONE_TIME_X25519);
        assertThat(store.maintain(device, new ServerCounts(100, 20), start.plus(Duration.ofDays(7)), policy, random))
                .extracting(PrekeyRecord::kind).containsExactly(PrekeyKind.SIGNED_X25519);
    }

    @Test
    void aReplacedSignedPrekeyIsKeptThroughItsGraceAndThenDeleted() {
        PrekeyRecord first = store.maintain(device, new ServerCounts(0, 0), start, policy, random).getFirst();
        store.maintain(device, new ServerCounts(100, 20), start.plus(Duration.ofDays(7)), policy, random);

        store.maintain(device, new ServerCounts(100, 20), start.plus(Duration.ofDays(36)), policy, random);
        assertThat(store.signedPrekey(first.keyId())).isPresent();
        store.maintain(device, new ServerCounts(100, 20), start.plus(Duration.ofDays(37)), policy, random);
        assertThat(store.signedPrekey(first.keyId())).isEmpty();
        assertThat(store.count(PrekeyKind.SIGNED_X25519)).isGreaterThanOrEqualTo(1);
    }
}
