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
}
