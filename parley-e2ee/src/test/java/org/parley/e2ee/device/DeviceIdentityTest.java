package org.parley.e2ee.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.Fixtures;

class DeviceIdentityTest {
    private final DeviceKeys device = DeviceKeys.generate(List.of(E2eSuite.CLASSIC, E2eSuite.PQ_RATCHET),
            Fixtures.random("identity"));

    @Test
    void theIdentityStartsWithTheSigningKeyAndListsTheSignedSuites() throws Exception {
        DeviceIdentity identity = DeviceIdentity.parse(device.identity().encoded());

        assertThat(identity.encoded().slice(0, 32)).isEqualTo(identity.signingKey());
        assertThat(identity.encoded().length()).isEqualTo(130 + 2);
        assertThat(identity.suites()).containsExactly(E2eSuite.CLASSIC, E2eSuite.PQ_RATCHET);
    }

    @Test
    void anyChangedByteBreaksTheSignature() {
        Bytes encoded = device.identity().encoded();
        for (int i = 32; i < encoded.length(); i++) {
            byte[] changed = encoded.toByteArray();
            changed[i] ^= 1;
            int index = i;
            assertThatThrownBy(() -> DeviceIdentity.parse(Bytes.wrapOwned(changed)))
                    .as("byte %d", index).isInstanceOf(E2eeException.class);
        }
        byte[] suites = encoded.toByteArray();
        suites[67] = 2; // PQ_RATCHET relabelled as PQ_START
        assertThatThrownBy(() -> DeviceIdentity.parse(Bytes.wrapOwned(suites))).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.BAD_SIGNATURE));
    }

    @Test
    void blobsOutsideTheContractLengthsAreMalformedBeforeParsing() {
        assertThatThrownBy(() -> DeviceIdentity.parse(Bytes.wrapOwned(new byte[63]))).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
        assertThatThrownBy(() -> DeviceIdentity.parse(Bytes.wrapOwned(new byte[257]))).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }

    @Test
    void theDeviceStateRestoresTheSameIdentityAndRefusesGarbage() throws Exception {
        SecretBytes state = device.encode();

        assertThat(DeviceKeys.decode(state).identity()).isEqualTo(device.identity());
        assertThat(device.toString()).doesNotContain(Bytes.wrapOwned(state.revealCopy()).toHex().substring(2, 66));
        assertThatThrownBy(() -> DeviceKeys.decode(SecretBytes.zeros(10))).isInstanceOfSatisfying(
                E2eeException.class, e -> assertThat(e.error()).isEqualTo(E2eeError.MALFORMED));
    }
}
