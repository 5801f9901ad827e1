package org.parley.e2ee.session;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.parley.crypto.AgreementKeyPair;
import org.parley.crypto.Bytes;
import org.parley.crypto.InvalidKeyMaterialException;
import org.parley.crypto.Kem;
import org.parley.crypto.KemKeyPair;
import org.parley.crypto.KeyExchange.Encapsulation;
import org.parley.crypto.SecretBytes;
import org.parley.crypto.StaticKeyAgreement;
import org.parley.e2ee.E2eSuite;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.device.DeviceIdentity;
import org.parley.e2ee.device.DeviceKeys;
import org.parley.e2ee.envelope.Envelope;
import org.parley.e2ee.envelope.InnerMessage;
import org.parley.e2ee.envelope.InnerMessageCodec;
import org.parley.e2ee.envelope.StartFields;
import org.parley.e2ee.envelope.StartFields.KemStart;
import org.parley.e2ee.prekey.PrekeyKind;
import org.parley.e2ee.prekey.PrekeyRecord;
import org.parley.e2ee.prekey.PrekeyStore;
import org.parley.e2ee.prekey.VerifiedBundle;

/**
 * The PQXDH-style session start (docs/E2EE.md, "Session start"), both sides.
 *
 * <pre>
 *   DH1 = DH(IK_A, SPK_B)  DH2 = DH(EK_A, IK_B)  DH3 = DH(EK_A, SPK_B)  [DH4 = DH(EK_A, OPK_B)]
 *   [(CT, SS) = ML-KEM-768.Encaps(PQPK_B)]                     (suites pq-start and pq-ratchet)
 *   th = SHA-256(transcript: label, suite, both identities, every prekey, PQPK_B, CT, EK_A)
 *   SK = HKDF-Expand(HKDF-Extract(th, 0xFF*32 ‖ DH1 ‖ DH2 ‖ DH3 ‖ [DH4] ‖ [SS]), "parley-e2ee v1 root key", 32)
 *   associated data of every message = th
 * </pre>
 */
public final class SessionStart {
    private static final int FILLER_LENGTH = 32;

    private SessionStart() {
    }

    /**
     * Starts a session with the device of {@code bundle} in the strongest suite both identities
     * list. The first {@link Session#encrypt} produces the session-start envelope.
     */
    public static Session initiate(DeviceKeys own, VerifiedBundle bundle, SecureRandom random) throws E2eeException {
        DeviceIdentity peer = bundle.identity();
        E2eSuite suite = E2eSuite.negotiate(own.suites(), peer.suites()).orElseThrow(() ->
                new E2eeException(E2eeError.NO_COMMON_SUITE, "the devices share no end-to-end suite"));
        StaticKeyAgreement x25519 = StaticKeyAgreement.x25519();
        PrekeyRecord spk = bundle.signedPrekey();
        Optional<PrekeyRecord> opk = bundle.oneTimePrekey();
        try (AgreementKeyPair ephemeral = x25519.generate(random)) {
            List<SecretBytes> secrets = new ArrayList<>();
            secrets.add(own.agree(spk.publicKey()));
            secrets.add(agree(ephemeral, peer.agreementKey()));
            secrets.add(agree(ephemeral, spk.publicKey()));
            if (opk.isPresent()) {
                secrets.add(agree(ephemeral, opk.get().publicKey()));
            }
            Optional<KemStart> kemStart = Optional.empty();
            if (suite.postQuantumStart()) {
                PrekeyRecord kemPrekey = bundle.kemPrekey();
                Encapsulation encapsulation;
                try {
                    encapsulation = Kem.mlKem768().encapsulate(kemPrekey.publicKey(), random);
                } catch (InvalidKeyMaterialException e) {
                    throw new E2eeException(E2eeError.INVALID_KEY, "ML-KEM prekey fails its key check", e);
                }
                secrets.add(encapsulation.sharedSecret());
                kemStart = Optional.of(new KemStart(kemPrekey.kind(), kemPrekey.keyId(), encapsulation.response()));
            }
            StartFields start = new StartFields(suite, own.identity().encoded(), ephemeral.publicKey(), spk.keyId(),
                    opk.map(PrekeyRecord::keyId), kemStart);
            Transcript transcript = transcript(start, peer.encoded(), spk.publicKey(),
                    opk.map(PrekeyRecord::publicKey), kemStart.map(k -> bundle.kemPrekey().publicKey()));
            RatchetState s = initialState(start, transcript, secrets, peer.encoded());
            s.peerRatchetKey = spk.publicKey();
            s.pendingStart = Optional.of(start);
            new Ratchet().sendingStep(s, random);
            return new Session(s);
        }
    }

    /**
     * Accepts a session-start envelope addressed to this device: verifies the initiator's identity
     * (and, if given, that it is the one already known), enforces the downgrade rule, derives the
     * session and decrypts the first message. Only when all of that succeeded are the one-time
     * prekeys it used deleted from {@code store}.
     *
     * @param knownInitiator the identity already known for the sending device, if any
     */
    public static Accepted accept(DeviceKeys own, PrekeyStore store, Envelope.Prekey envelope,
            Optional<DeviceIdentity> knownInitiator) throws E2eeException {
        StartFields start = envelope.start();
        DeviceIdentity initiator = DeviceIdentity.parse(start.initiatorIdentity());
        if (knownInitiator.isPresent() && !knownInitiator.get().encoded().equals(initiator.encoded())) {
            throw new E2eeException(E2eeError.WRONG_IDENTITY, "session start from a different identity than known");
        }
        E2eSuite expected = E2eSuite.negotiate(own.suites(), initiator.suites()).orElseThrow(() ->
                new E2eeException(E2eeError.NO_COMMON_SUITE, "the devices share no end-to-end suite"));
        if (start.suite() != expected) {
            throw new E2eeException(E2eeError.DOWNGRADE, "session start in " + start.suite().label()
                    + " but both devices support " + expected.label());
        }
        AgreementKeyPair spk = store.signedPrekey(start.signedPrekeyId()).orElseThrow(() ->
                unknown("signed prekey " + start.signedPrekeyId()));
        Optional<AgreementKeyPair> opk = Optional.empty();
        if (start.oneTimePrekeyId().isPresent()) {
            opk = Optional.of(store.oneTimePrekey(start.oneTimePrekeyId().get()).orElseThrow(() ->
                    unknown("one-time prekey " + start.oneTimePrekeyId().get())));
        }
        List<SecretBytes> secrets = new ArrayList<>();
        secrets.add(agree(spk, initiator.agreementKey()));
        secrets.add(own.agree(start.baseKey()));
        secrets.add(agree(spk, start.baseKey()));
        if (opk.isPresent()) {
            secrets.add(agree(opk.get(), start.baseKey()));
        }
        Optional<Bytes> kemKey = Optional.empty();
        if (start.kem().isPresent()) {
            KemStart kemStart = start.kem().get();
            KemKeyPair kemPair = store.kemPrekey(kemStart.kind(), kemStart.keyId()).orElseThrow(() ->
                    unknown(kemStart.kind() + " prekey " + kemStart.keyId()));
            try {
                secrets.add(Kem.mlKem768().decapsulate(kemPair, kemStart.ciphertext()));
            } catch (InvalidKeyMaterialException e) {
                throw new E2eeException(E2eeError.MALFORMED, "KEM ciphertext unusable", e);
            }
            kemKey = Optional.of(kemPair.encapsulationKey());
        }
        Transcript transcript = transcript(start, own.identity().encoded(), spk.publicKey(),
                opk.map(AgreementKeyPair::publicKey), kemKey);
        RatchetState s = initialState(start, transcript, secrets, initiator.encoded());
        s.selfRatchetPrivate = spk.encodedPrivateKey().revealCopy();
        s.selfRatchetPublic = spk.publicKey();
        Session session = new Session(s);
        InnerMessage first = session.decrypt(envelope);
        start.oneTimePrekeyId().ifPresent(id -> store.removeOneTime(PrekeyKind.ONE_TIME_X25519, id));
        start.kem().filter(k -> k.kind() == PrekeyKind.ONE_TIME_MLKEM768)
                .ifPresent(k -> store.removeOneTime(PrekeyKind.ONE_TIME_MLKEM768, k.keyId()));
        return new Accepted(session, first, startInfo(start, initiator));
    }

    /** How {@code session} started, from the fields of its start. */
    static StartInfo startInfo(StartFields start, DeviceIdentity peer) {
        return new StartInfo(start.suite(), peer, start.oneTimePrekeyId().isPresent(),
                start.kem().map(KemStart::kind));
    }

    /** The result of accepting a session start: the session, its first message, and how it started. */
    public record Accepted(Session session, InnerMessage firstMessage, StartInfo info) {
    }

    private static RatchetState initialState(StartFields start, Transcript transcript, List<SecretBytes> secrets,
            Bytes peerIdentity) {
        Kdf kdf = new Kdf();
        Bytes transcriptHash = kdf.hash(transcript.encode());
        byte[] filler = new byte[FILLER_LENGTH];
        java.util.Arrays.fill(filler, (byte) 0xff);
        secrets.addFirst(SecretBytes.wrapOwned(filler));
        SecretBytes ikm = Kdf.concat(secrets.toArray(SecretBytes[]::new));
        secrets.forEach(SecretBytes::destroy);
        RatchetState s = new RatchetState();
        s.suite = start.suite();
        s.associatedData = transcriptHash;
        s.baseKey = start.baseKey();
        s.peerIdentity = peerIdentity;
        s.oneTimePrekeyUsed = start.oneTimePrekeyId().isPresent();
        s.kemPrekeyKind = start.kem().map(KemStart::kind);
        s.rootKey = kdf.startSecret(transcriptHash, ikm);
        ikm.destroy();
        return s;
    }

    private static Transcript transcript(StartFields start, Bytes responderIdentity, Bytes signedPrekey,
            Optional<Bytes> oneTimePrekey, Optional<Bytes> kemKey) {
        return new Transcript(start.suite(), start.initiatorIdentity(), responderIdentity, start.signedPrekeyId(),
                signedPrekey, start.oneTimePrekeyId(), oneTimePrekey, start.kem().map(KemStart::kind),
                start.kem().map(KemStart::keyId).orElse(0L), kemKey, start.kem().map(KemStart::ciphertext),
                start.baseKey());
    }

    private static SecretBytes agree(AgreementKeyPair own, Bytes peer) throws E2eeException {
        try {
            return own.agree(peer);
        } catch (InvalidKeyMaterialException e) {
            throw new E2eeException(E2eeError.INVALID_KEY, "peer X25519 key is unusable", e);
        }
    }

    private static E2eeException unknown(String what) {
        return new E2eeException(E2eeError.UNKNOWN_PREKEY, what + " is unknown or already used");
    }
}
