package org.parley.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.client.ParleyClient;
import org.parley.crypto.Bytes;
import org.parley.lab.insecure.InsecurePythonOriginal;
import org.parley.lab.insecure.InsecureTextbookRsa;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.RawPeer;
import org.parley.lab.net.TapAction;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.identity.InMemoryPinStore;

/**
 * The broken variants cannot be negotiated with the real server or client: they have no wire code,
 * and any attempt to offer or choose a cipher outside Parley's suite components is refused with
 * {@code illegal_parameter(47)}; the Python original's records are not even Parley frames.
 */
class InsecureVariantsUnreachableTest {
    /** An unassigned cipher code, standing for a MAC-less cipher someone tries to slip in. */
    private static final int UNASSIGNED_CIPHER = 0x02ff;

    @TempDir
    static Path work;

    private static LabTarget target;

    @BeforeAll
    static void startTheLabServer() throws Exception {
        target = LabTarget.startLocal(work);
    }

    @AfterAll
    static void stopTheLabServer() {
        if (target != null) {
            target.close();
        }
    }

    @Test
    void theServerRefusesAnOfferOfACipherThatIsNotAParleyComponent() throws Exception {
        FrameTap offerInsecure = (link, direction, index, frame) -> {
            if (direction == Direction.CLIENT_TO_SERVER && index == 0) {
                link.toServer(FrameEdits.putU16(frame, FrameEdits.clientHelloCipherList(frame) + 1, UNASSIGNED_CIPHER));
                return TapAction.DROP;
            }
            return TapAction.FORWARD;
        };
        Optional<ObservedFailure> failure = handshakeThrough(offerInsecure);
        assertThat(failure).isPresent();
        assertThat(failure.get().sentByPeer()).isTrue();
        assertThat(failure.get().alert()).contains(Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void theClientRefusesAServerChoiceOfACipherThatIsNotAParleyComponent() throws Exception {
        FrameTap chooseInsecure = (link, direction, index, frame) -> {
            if (direction == Direction.SERVER_TO_CLIENT && index == 0) {
                link.toClient(FrameEdits.putU16(frame, FrameEdits.SERVER_HELLO_CODES + 4, UNASSIGNED_CIPHER));
                return TapAction.DROP;
            }
            return TapAction.FORWARD;
        };
        Optional<ObservedFailure> failure = handshakeThrough(chooseInsecure);
        assertThat(failure).isPresent();
        assertThat(failure.get().sentByPeer()).isFalse();
        assertThat(failure.get().alert()).contains(Alert.ILLEGAL_PARAMETER);
    }

    @Test
    void thePythonOriginalsLoginRecordIsRefusedAsAnUnknownFrame() throws Exception {
        String login = InsecurePythonOriginal.loginRecord("alice", "gaqey",
                InsecureTextbookRsa.generate(512, new SecureRandom()).publicKey());
        try (RawPeer peer = RawPeer.connect(target.server())) {
            peer.write(Bytes.wrapOwned(login.getBytes(StandardCharsets.UTF_8)));
            RawPeer.ServerReply reply = peer.readUntilClosed(LabTarget.STEP_TIMEOUT);
            assertThat(reply.closed()).isTrue();
            assertThat(reply.frames()).containsExactly(Bytes.fromHex("15000132")); // plaintext decode_error(50)
        }
    }

    private static Optional<ObservedFailure> handshakeThrough(FrameTap tap) throws Exception {
        Trace trace = new Trace();
        try (AttackRun run = AttackRun.start(target, trace, tap)) {
            return run.attempt("@what.handshake", () -> {
                try (ParleyClient client = target.connect(run.via(), new InMemoryPinStore(), f -> true,
                        LabTarget.Listener.IGNORE)) {
                    LabTarget.await(client.ping());
                }
            });
        }
    }
}
