package org.parley.desktop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

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
        assertThat(ServerAddress.parse("[::1]:9000")).isEqualTo(new ServerAddress("::1", 9000));
        assertThat(ServerAddress.parse("[::1]")).isEqualTo(new ServerAddress("::1", 7443));
    }

    @Test
    void rejectsAPortOutOfRangeOrNotANumber() {
        assertThatThrownBy(() -> ServerAddress.parse("host:70000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("host:http")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ServerAddress.parse("  ")).isInstanceOf(IllegalArgumentException.class);
    }
}
