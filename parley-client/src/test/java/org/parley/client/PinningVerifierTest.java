package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.protocol.identity.Fingerprint;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.suite.SignatureComponent;

class PinningVerifierTest {
    private static final String SERVER = "example.org:7443";
    private static final Bytes OFFERED_KEY = Bytes.fromHex("01".repeat(32));
    private static final Fingerprint OFFERED = Fingerprint.of(SignatureComponent.ED25519, OFFERED_KEY);
    private static final Fingerprint OTHER = Fingerprint.of(SignatureComponent.ED25519, Bytes.fromHex("02".repeat(32)));

    @Test
    void aFirstContactTheUserTrustedIsPinned() throws Exception {
        var pins = new InMemoryPinStore();
        var verifier = new PinningVerifier(pins, SERVER);
        verifier.verify(SignatureComponent.ED25519, OFFERED_KEY);

        verifier.consent();

        assertThat(pins.pinned(SERVER)).contains(OFFERED);
        assertThat(verifier.pinnedNow()).isTrue();
        assertThat(verifier.keyChange()).isEmpty();
    }

    @Test
    void aDifferentKeyPinnedWhileTheUserWasAskedRefusesTheConnectionInsteadOfTrustingTheOfferedKey() throws Exception {
        var pins = new InMemoryPinStore();
        var verifier = new PinningVerifier(pins, SERVER);
        verifier.verify(SignatureComponent.ED25519, OFFERED_KEY);
        // Another client (the desktop, a second terminal) pinned the server while this one asked its user.
        pins.pin(SERVER, OTHER);

        verifier.consent();

        assertThat(verifier.keyChange()).contains(new PinningVerifier.KeyChange(OTHER, OFFERED));
        assertThat(pins.pinned(SERVER)).contains(OTHER);
        assertThat(verifier.pinnedNow()).isFalse();
    }

    @Test
    void theSameKeyPinnedMeanwhileIsNoChange() throws Exception {
        var pins = new InMemoryPinStore();
        var verifier = new PinningVerifier(pins, SERVER);
        verifier.verify(SignatureComponent.ED25519, OFFERED_KEY);
        pins.pin(SERVER, OFFERED);

        verifier.consent();

        assertThat(verifier.keyChange()).isEmpty();
        assertThat(pins.pinned(SERVER)).contains(OFFERED);
    }
}
