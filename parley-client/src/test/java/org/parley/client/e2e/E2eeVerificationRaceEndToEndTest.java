package org.parley.client.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.SafetyNumberChangedException;
import org.parley.client.e2ee.ContactDevice;
import org.parley.e2ee.safety.SafetyNumber;
import org.parley.server.ParleyServer;

/**
 * Marking a contact verified vouches for the devices of the safety number the user compared: a
 * device of bob's recorded between showing the number and marking is not vouched for; the marking
 * is refused with the new number, and marking with that one covers the new device.
 */
class E2eeVerificationRaceEndToEndTest {
    @TempDir
    Path data;
    @TempDir
    Path devices;

    @Test
    void aDeviceRecordedAfterTheNumberWasShownIsNotVouchedFor() throws Exception {
        try (ParleyServer server = TestServer.start(data)) {
            E2eePrivateMessagesEndToEndTest.register(server, "alice", "bob");
            try (E2eDeviceUnderTest alice = device(server, "alice", "a1");
                    E2eDeviceUnderTest bob = device(server, "bob", "b1")) {
                SafetyNumber compared = alice.await(alice.session.safetyNumber("bob"));
                try (E2eDeviceUnderTest phone = device(server, "bob", "b2")) {
                    long phoneId = phone.session.deviceId();
                    // Sending lists bob's devices again, so alice's device records the phone now.
                    alice.send("bob", "before the marking");
                    await().atMost(TestServer.timeout()).until(() -> alice.await(alice.session.contactDevices("bob"))
                            .stream().anyMatch(d -> d.deviceId() == phoneId));

                    SafetyNumber now = alice.await(alice.session.safetyNumber("bob"));

                    assertThatThrownBy(() -> alice.await(alice.session.markVerified("bob", compared)))
                            .hasCauseInstanceOf(SafetyNumberChangedException.class)
                            .cause().satisfies(e -> assertThat(((SafetyNumberChangedException) e).current()).isEqualTo(now));
                    assertThat(now.digits()).isNotEqualTo(compared.digits());
                    assertThat(alice.await(alice.session.contactDevices("bob")))
                            .as("the phone was not in the number alice compared: nothing is vouched for")
                            .extracting(ContactDevice::verified).containsOnly(false);

                    alice.await(alice.session.markVerified("bob", now));
                    assertThat(alice.await(alice.session.contactDevices("bob")))
                            .as("the number compared again covers the phone")
                            .extracting(ContactDevice::verified).containsExactly(true, true);
                }
            }
        }
    }

    private E2eDeviceUnderTest device(ParleyServer server, String user, String directory) throws Exception {
        return E2eDeviceUnderTest.start(server.address(), devices.resolve(directory), user, "passphrase of " + user);
    }
}
