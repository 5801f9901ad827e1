package org.parley.client.e2ee;

import static org.parley.client.e2ee.E2eDevice.await;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.parley.client.ParleyClient;
import org.parley.client.RequestFailedException;
import org.parley.crypto.Bytes;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.e2ee.prekey.PrekeyPolicy;
import org.parley.e2ee.prekey.PrekeyRecord;
import org.parley.protocol.chat.ChatEvent;
import org.parley.protocol.chat.ErrorCode;

/**
 * After every login: add the device (first run) or bind it with the Ed25519 proof over the channel
 * binding (a device the account no longer has is replaced by a new one, and said so), then keep the prekeys as the policy says (rotation by the settings' clock, pools topped
 * up when the server's count is low). Prekeys are stored before they are uploaded.
 */
final class Lifecycle {
    static final Bytes PROOF_LABEL = Bytes.wrapOwned("parley-e2ee v1 device".getBytes(StandardCharsets.US_ASCII));

    private final E2eContext context;

    Lifecycle(E2eContext context) {
        this.context = context;
    }

    void attach(ParleyClient client) throws Exception {
        LocalState state = context.state();
        Bytes proof = state.keys().sign(Bytes.concat(PROOF_LABEL, client.session().channelBinding()));
        if (state.deviceId() != 0 && !bound(client, proof)) {
            long removed = state.deviceId();
            state.replaceDevice(context.settings().suite(), context.random());
            context.emit(new E2eEvent.DeviceNotice(context.user(), removed, DeviceNoticeKind.REMOVED, false));
            proof = state.keys().sign(Bytes.concat(PROOF_LABEL, client.session().channelBinding()));
        }
        if (state.deviceId() == 0) {
            List<PrekeyRecord> records = new java.util.ArrayList<>(maintain(new PrekeyPolicy.ServerCounts(0, 0)));
            PrekeyRecord signed = uploadable(records, PrekeyKind.SIGNED_X25519);
            PrekeyRecord lastResort = uploadable(records, PrekeyKind.LAST_RESORT_MLKEM768);
            long id = await(client.addDevice(state.keys().identity().encoded(), context.settings().deviceName(),
                    signed.encode(), lastResort.encode(), proof));
            state.saveDeviceId(id);
            upload(client, records.stream().filter(r -> r != signed && r != lastResort).toList());
        } else {
            topUp(client);
        }
    }

    /**
     * The record of {@code kind} among {@code records}, or a new one (stored before it is returned):
     * after an AddDevice that failed (limit_reached, a lost connection) the store already holds a
     * fresh signed and last-resort prekey, so {@code maintain} makes none, yet the server has neither.
     */
    private PrekeyRecord uploadable(List<PrekeyRecord> records, PrekeyKind kind) throws java.io.IOException {
        Optional<PrekeyRecord> made = only(records, kind);
        if (made.isPresent()) {
            return made.get();
        }
        LocalState state = context.state();
        PrekeyRecord fresh = state.prekeys().generate(state.keys(), kind, context.settings().clock().instant(),
                context.random());
        state.savePrekeys();
        records.add(fresh);
        return fresh;
    }

    /** Binds the stored device; false when the account no longer has it (removed from another device or by an operator). */
    private boolean bound(ParleyClient client, Bytes proof) throws Exception {
        try {
            await(client.bindDevice(context.state().deviceId(), proof));
            return true;
        } catch (RequestFailedException e) {
            if (e.code() == ErrorCode.NO_SUCH_DEVICE) {
                return false;
            }
            throw e;
        }
    }

    /** Asks the server for its counts and uploads what the policy says is due. */
    void topUp(ParleyClient client) throws Exception {
        ChatEvent.PrekeyCounts counts = await(client.countPrekeys());
        upload(client, maintain(new PrekeyPolicy.ServerCounts(counts.oneTimeX25519(), counts.oneTimeKem())));
    }

    private List<PrekeyRecord> maintain(PrekeyPolicy.ServerCounts counts) throws java.io.IOException {
        List<PrekeyRecord> records = context.state().prekeys().maintain(context.state().keys(), counts,
                context.settings().clock().instant(), context.settings().policy(), context.random());
        if (!records.isEmpty()) {
            context.state().savePrekeys();
        }
        return records;
    }

    private static void upload(ParleyClient client, List<PrekeyRecord> records) throws Exception {
        if (records.isEmpty()) {
            return;
        }
        await(client.uploadPrekeys(only(records, PrekeyKind.SIGNED_X25519).map(PrekeyRecord::encode),
                encoded(records, PrekeyKind.ONE_TIME_X25519), encoded(records, PrekeyKind.ONE_TIME_MLKEM768),
                only(records, PrekeyKind.LAST_RESORT_MLKEM768).map(PrekeyRecord::encode)));
    }

    private static Optional<PrekeyRecord> only(List<PrekeyRecord> records, PrekeyKind kind) {
        return records.stream().filter(r -> r.kind() == kind).reduce((first, second) -> second);
    }

    private static List<Bytes> encoded(List<PrekeyRecord> records, PrekeyKind kind) {
        return records.stream().filter(r -> r.kind() == kind).map(PrekeyRecord::encode).toList();
    }
}
