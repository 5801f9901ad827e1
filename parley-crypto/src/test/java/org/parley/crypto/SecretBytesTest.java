package org.parley.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link SecretBytes} never prints its bytes, wipes on destroy and compares in constant time. */
class SecretBytesTest {

    @Test
    void toStringShowsOnlyTheLength() {
        SecretBytes secret = SecretBytes.copyOf(Bytes.fromHex("deadbeefcafe").toByteArray());

        assertThat(secret.toString()).isEqualTo("SecretBytes[6 bytes]")
                .doesNotContainIgnoringCase("dead").doesNotContainIgnoringCase("cafe");
    }

    @Test
    void destroyWipesTheBytesAndBlocksEveryAccess() {
        byte[] owned = {1, 2, 3, 4};
        SecretBytes secret = SecretBytes.wrapOwned(owned);

        secret.destroy();

        assertThat(owned).containsOnly(0);
        assertThat(secret.isDestroyed()).isTrue();
        assertThat(secret.toString()).isEqualTo("SecretBytes[4 bytes, destroyed]");
        assertThatThrownBy(secret::revealCopy).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(secret::isAllZero).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> secret.equals(SecretBytes.zeros(4))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void closeDestroysAndIsIdempotent() {
        SecretBytes secret = SecretBytes.copyOf(new byte[] {5});

        secret.close();
        secret.close();

        assertThat(secret.isDestroyed()).isTrue();
    }

    @Test
    void copyOfIsIndependentOfTheSourceAndRevealCopyOfTheSecret() {
        byte[] source = {1, 2, 3};
        SecretBytes secret = SecretBytes.copyOf(source);
        source[0] = 9;
        byte[] revealed = secret.revealCopy();
        revealed[1] = 9;

        assertThat(secret.revealCopy()).containsExactly(1, 2, 3);
        assertThat(SecretBytes.copyOf(new byte[] {0, 7, 8, 0}, 1, 2).revealCopy()).containsExactly(7, 8);
    }

    @Test
    void equalsComparesContentsAndLength() {
        SecretBytes secret = SecretBytes.copyOf(new byte[] {1, 2, 3});

        assertThat(secret).isEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 3}));
        assertThat(secret).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2, 4}));
        assertThat(secret).isNotEqualTo(SecretBytes.copyOf(new byte[] {1, 2}));
        assertThat(secret).isNotEqualTo(Bytes.fromHex("010203"));
        assertThat(secret.hashCode()).isEqualTo(SecretBytes.zeros(9).hashCode());
    }

    @Test
    void detectsAnAllZeroSecret() {
        assertThat(SecretBytes.zeros(32).isAllZero()).isTrue();
        assertThat(SecretBytes.copyOf(new byte[] {0, 0, (byte) 0x80}).isAllZero()).isFalse();
    }
}
