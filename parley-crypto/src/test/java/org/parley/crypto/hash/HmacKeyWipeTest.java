package org.parley.crypto.hash;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.Provider;
import java.security.Security;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.MacSpi;
import javax.security.auth.Destroyable;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.HashAlgorithm;
import org.parley.crypto.HashFunction;
import org.parley.crypto.SecretBytes;

/**
 * HMAC and HKDF leave no copy of their keys behind: every key object handed to the provider is
 * destroyed once the Mac is keyed, and every Mac that was keyed with a secret is keyed again with
 * zeros after its last use, so the provider's key-derived pads (the key XOR ipad/opad, which are as
 * good as the key) do not outlive the call. The secrets keyed here are the handshake's PRKs and
 * traffic secrets, which SECURITY.md promises are wiped once used. A recording provider, placed
 * first for the duration of the test, delegates to the JDK's HMAC and sees every key and Mac.
 */
class HmacKeyWipeTest {

    @Test
    void everyKeyIsDestroyedAndEveryMacRekeyedWithZerosAfterHmacAndHkdf() throws Exception {
        Recording recording = new Recording();
        Provider provider = new RecordingProvider(recording);
        Security.insertProviderAt(provider, 1);
        try {
            HashFunction sha256 = new JcaHashFunction(HashAlgorithm.SHA256);
            SecretBytes key = SecretBytes.copyOf(Bytes.utf8("a secret key of thirty-two bytes").toByteArray());
            Bytes tag = sha256.hmac(key, Bytes.utf8("data"));
            assertThat(sha256.verifyHmac(key, Bytes.utf8("data"), tag)).isTrue();
            sha256.hmacSecret(key, Bytes.utf8("data"));
            SecretBytes prk = sha256.hkdfExtract(Bytes.utf8("salt"), key);
            sha256.hkdfExpand(prk, Bytes.utf8("info"), 100);
        } finally {
            Security.removeProvider(provider.getName());
        }

        assertThat(recording.keys).as("keys seen by the provider").hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(k -> assertThat(((Destroyable) k).isDestroyed()).as("%s destroyed", k).isTrue());
        assertThat(recording.macs).as("Macs keyed with a secret").isNotEmpty()
                .allSatisfy(mac -> assertThat(mac.lastKeyWasAllZero).as("last keyed with zeros").isTrue());
    }

    /** What the provider saw. */
    static final class Recording {
        final List<Key> keys = Collections.synchronizedList(new ArrayList<>());
        final List<RecordingMac> macs = Collections.synchronizedList(new ArrayList<>());
    }

    static final class RecordingProvider extends Provider {
        RecordingProvider(Recording recording) {
            super("ParleyTestRecordingHmac", "1", "records HMAC keys for HmacKeyWipeTest");
            putService(new Service(this, "Mac", "HmacSHA256", RecordingMac.class.getName(), null, null) {
                @Override
                public Object newInstance(Object parameter) {
                    return new RecordingMac(recording);
                }
            });
        }
    }

    /** The JDK's HmacSHA256, with every key and the zero-ness of the last one recorded. */
    static final class RecordingMac extends MacSpi implements Cloneable {
        private final Recording recording;
        private Mac delegate;
        private boolean registered;
        volatile boolean lastKeyWasAllZero = true;

        RecordingMac(Recording recording) {
            this.recording = recording;
            try {
                this.delegate = Mac.getInstance("HmacSHA256", "SunJCE");
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        protected int engineGetMacLength() {
            return delegate.getMacLength();
        }

        @Override
        protected void engineInit(Key key, AlgorithmParameterSpec params)
                throws InvalidKeyException, InvalidAlgorithmParameterException {
            recording.keys.add(key);
            byte[] encoded = key.getEncoded();
            boolean zero = true;
            for (byte b : encoded) {
                zero &= b == 0;
            }
            lastKeyWasAllZero = zero;
            if (!zero && !registered) {
                registered = true;
                recording.macs.add(this);
            }
            delegate.init(key, params);
        }

        @Override
        protected void engineUpdate(byte input) {
            delegate.update(input);
        }

        @Override
        protected void engineUpdate(byte[] input, int offset, int length) {
            delegate.update(input, offset, length);
        }

        @Override
        protected byte[] engineDoFinal() {
            return delegate.doFinal();
        }

        @Override
        protected void engineReset() {
            delegate.reset();
        }

        @Override
        public Object clone() throws CloneNotSupportedException {
            RecordingMac copy = (RecordingMac) super.clone();
            copy.delegate = (Mac) delegate.clone();
            copy.registered = false;
            return copy;
        }
    }
}
