package org.parley.client.e2ee;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;

class ContactTest {

    @Test
    void theOwnDevicesAcceptedHereSurviveARoundTripThroughTheStoredText() {
        Contact own = new Contact();
        own.listed = true;
        own.devices.put(2L, new Contact.KnownDevice(Bytes.fromHex("0a0b"), "phone"));
        own.devices.put(3L, new Contact.KnownDevice(Bytes.fromHex("0c0d"), "ghost"));
        own.accepted.add(2L);

        Contact read = Contact.parse(new String(own.encode(), StandardCharsets.UTF_8).lines().toList());

        assertThat(read.accepted).containsExactly(2L);
        assertThat(read.devices).containsOnlyKeys(2L, 3L);
    }

    @Test
    void aContactStoredBeforeAcceptanceExistedHasNoAcceptedDevice() {
        Contact read = Contact.parse(java.util.List.of("verified 0", "pending 0", "listed 1", "device 2 0a0b 70686f6e65"));

        assertThat(read.accepted).isEmpty();
        assertThat(read.devices.get(2L).name()).isEqualTo("phone");
    }

    @Test
    void theVouchedDevicesSurviveARoundTripAndAChangedIdentityIsNoLongerVouchedFor() {
        Contact bob = new Contact();
        bob.listed = true;
        bob.verified = true;
        bob.devices.put(1L, new Contact.KnownDevice(Bytes.fromHex("0a0b"), "laptop"));
        bob.vouchForRecorded();
        bob.devices.put(2L, new Contact.KnownDevice(Bytes.fromHex("0c0d"), "phone"));
        bob.pendingChanges = true;

        Contact read = Contact.parse(new String(bob.encode(), StandardCharsets.UTF_8).lines().toList());

        assertThat(read.vouches(1L, Bytes.fromHex("0a0b"))).isTrue();
        assertThat(read.vouches(2L, Bytes.fromHex("0c0d"))).isFalse();
        assertThat(read.vouches(1L, Bytes.fromHex("0e0f"))).as("the same id with another key").isFalse();
    }

    @Test
    void aVerifiedContactStoredBeforeDevicesWereVouchedForCoversItsRecordedDevicesOnlyIfNothingWasPending() {
        Contact settled = Contact.parse(java.util.List.of("verified 1", "pending 0", "listed 1", "device 2 0a0b 70686f6e65"));
        Contact pending = Contact.parse(java.util.List.of("verified 1", "pending 1", "listed 1", "device 2 0a0b 70686f6e65"));
        Contact unverified = Contact.parse(java.util.List.of("verified 0", "pending 0", "listed 1", "device 2 0a0b 70686f6e65"));

        assertThat(settled.vouches(2L, Bytes.fromHex("0a0b"))).isTrue();
        assertThat(pending.vouches(2L, Bytes.fromHex("0a0b"))).as("which device is the change is not known").isFalse();
        assertThat(unverified.vouches(2L, Bytes.fromHex("0a0b"))).isFalse();
    }

    @Test
    void aVerifiedContactWhoseVerificationCoveredNoDeviceStillCoversNoneAfterARoundTrip() {
        Contact bob = new Contact();
        bob.verified = true;
        bob.vouchForRecorded();
        bob.listed = true;
        bob.devices.put(2L, new Contact.KnownDevice(Bytes.fromHex("0a0b"), "first listed after the verification"));

        Contact read = Contact.parse(new String(bob.encode(), StandardCharsets.UTF_8).lines().toList());

        assertThat(read.vouches(2L, Bytes.fromHex("0a0b"))).isFalse();
    }
}
