package org.parley.crypto.insecure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;
import org.parley.crypto.SecretBytes;

/** The lab's deliberately misused primitives are still the standard ones: known answers and round trips. */
class InsecurePrimitivesTest {

    @Test
    void md5MatchesRfc1321() {
        assertThat(InsecureMd5.hex("")).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
        assertThat(InsecureMd5.hex("abc")).isEqualTo("900150983cd24fb0d6963f7d28e17f72");
    }

    @Test
    void aesCtrMatchesNistSp80038aF55AndIsItsOwnInverse() {
        var ctr = new InsecureUnauthenticatedAesCtr(SecretBytes.copyOf(
                Bytes.fromHex("603deb1015ca71be2b73aef0857d77811f352c073b6108d72d9810a30914dff4").toByteArray()));
        Bytes counter = Bytes.fromHex("f0f1f2f3f4f5f6f7f8f9fafbfcfdfeff");
        Bytes plaintext = Bytes.fromHex("6bc1bee22e409f96e93d7e117393172a");
        Bytes ciphertext = ctr.apply(counter, plaintext);
        assertThat(ciphertext.toHex()).isEqualTo("601ec313775789a5b7a7f504bbf3d228");
        assertThat(ctr.apply(counter, ciphertext)).isEqualTo(plaintext);
    }

    @Test
    void twoKeyTripleDesIsTheThreeKeyCipherWithK3EqualToK1() {
        Bytes k1k2 = Bytes.utf8("xiaolongtongxue#");
        Bytes iv = Bytes.utf8("12345678");
        Bytes message = Bytes.utf8("阿文低洼gaqey");
        Bytes twoKey = new InsecureTripleDesCbc(k1k2, iv).encrypt(message);
        Bytes threeKey = new InsecureTripleDesCbc(Bytes.concat(k1k2, k1k2.slice(0, 8)), iv).encrypt(message);
        assertThat(twoKey).isEqualTo(threeKey);
        assertThat(new InsecureTripleDesCbc(k1k2, iv).decrypt(twoKey)).isEqualTo(message);
    }

    @Test
    void tripleDesRefusesKeysAndIvsOfTheWrongLength() {
        assertThatThrownBy(() -> new InsecureTripleDesCbc(Bytes.utf8("short"), Bytes.utf8("12345678")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new InsecureTripleDesCbc(Bytes.utf8("xiaolongtongxue#"), Bytes.utf8("1234")))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
