package org.parley.lab.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.crypto.Bytes;

/** {@link RawPeer}: the attacker's raw connection when the server hangs up in the middle of a replay. */
class RawPeerTest {
    @Test
    void aReplayIntoAConnectionTheServerClosedStopsQuietlyAndSaysHowFarItGot() throws Exception {
        List<Bytes> frames = Collections.nCopies(200, Bytes.wrapOwned(new byte[64 * 1024]));
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             RawPeer attacker = RawPeer.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()))) {
            try (Socket accepted = server.accept()) {
                accepted.setSoLinger(true, 0); // hang up with a reset, as a server refusing a frame may
            }

            int written = attacker.writeWhileOpen(frames);

            assertThat(written).isLessThan(frames.size());
            assertThat(attacker.readUntilClosed(Duration.ofSeconds(10)).closed()).isTrue();
        }
    }
}
