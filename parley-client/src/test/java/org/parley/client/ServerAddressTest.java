package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ServerAddressTest {

    @Test
    void parsesHostAndPort() {
        assertThat(ServerAddress.parse(" chat.example.org:8443 ")).isEqualTo(new ServerAddress("chat.example.org", 8443));
    }

    @Test
    void usesTheDefaultPortWhenNoneIsGiven() {
        assertThat(ServerAddress.parse("localhost")).isEqualTo(new ServerAddress("localhost", 7443));
    }

    @Test
    void parsesBracketedIpv6WithAndWithoutPort() {
        assertThat(ServerAddress.parse("[::1]:7443")).isEqualTo(new ServerAddress("::1", 7443));
        assertThat(ServerAddress.parse("[::1]:9000")).isEqualTo(new ServerAddress("::1", 9000));
        assertThat(ServerAddress.parse("[::1]")).isEqualTo(new ServerAddress("::1", 7443));
    }

    @Test
    void readsABareIpv6LiteralAsTheHostWithTheDefaultPort() {
        assertThat(ServerAddress.parse("::1")).isEqualTo(new ServerAddress("::1", 7443));
        assertThat(ServerAddress.parse("fe80::1:2")).isEqualTo(new ServerAddress("fe80::1:2", 7443));
    }

    @Test
    void namesAnIpv6ServerInBracketsLikeTheKnownServersFile() {
        assertThat(ServerAddress.parse("::1")).hasToString("[::1]:7443");
        assertThat(ServerAddress.parse("example.org:1")).hasToString("example.org:1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"host:70000", "host:http", "host:", "host:+80", "host:0", "  ", "[::1", "[::1]x", ":7443"})
    void rejectsWhatIsNotAnAddress(String text) {
        assertThatThrownBy(() -> ServerAddress.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejectsTextLongerThanTheMaximumBeforeLookingAtIt() {
        assertThatThrownBy(() -> ServerAddress.parse("a".repeat(ServerAddress.MAX_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most");
    }
}
