package org.parley.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.identity.InMemoryPinStore;
import org.parley.protocol.suite.Preset;

class ConnectFailureTest {
    private static final ClientListener IGNORE = new ClientListener() {
        @Override
        public void onEvent(ChatEvent.Push event) {
            throw new AssertionError("no event expected");
        }

        @Override
        public void onDisconnected(String reason) {
            throw new AssertionError("never connected, so never disconnected");
        }
    };

    private static ClientOptions options(int port, Duration connectTimeout) {
        return new ClientOptions("127.0.0.1", port, Preset.MODERN.preferences(), new InMemoryPinStore(), fp -> true,
                connectTimeout, Duration.ofSeconds(5));
    }

    @Test
    void aRefusedConnectionFailsTheConnectFuture() throws Exception {
        int port;
        try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = closed.getLocalPort();
        }

        var connecting = ParleyClient.connect(options(port, Duration.ofSeconds(5)), IGNORE);

        assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause()
                .isInstanceOf(ConnectionFailedException.class).hasMessageContaining("cannot connect to 127.0.0.1:" + port);
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeIsCutOffAtTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var connecting = ParleyClient.connect(options(silent.getLocalPort(), Duration.ofMillis(500)), IGNORE);
            try (Socket accepted = silent.accept()) {

                assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(ConnectionFailedException.class).hasMessageContaining("no handshake");
                assertThat(accepted.getInputStream().readAllBytes()).isNotEmpty();
            }
        }
    }

    @Test
    void garbageFromTheServerFailsTheHandshakeWithAProtocolError() throws Exception {
        try (ServerSocket liar = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            var connecting = ParleyClient.connect(options(liar.getLocalPort(), Duration.ofSeconds(8)), IGNORE);
            try (Socket accepted = liar.accept()) {
                accepted.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                accepted.getOutputStream().flush();

                assertThatThrownBy(() -> connecting.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(ExecutionException.class).cause()
                        .isInstanceOf(ConnectionFailedException.class).hasMessageContaining("protocol error");
            }
        }
    }
}
