#!/usr/bin/env python3
"""Independent check of docs/test-vectors/PARLEY1_*.json, written from docs/PROTOCOL.md alone.

For each file, in the order of PROTOCOL.md 16.1: it parses the six handshake frames and their
messages (sections 3, 5); recomputes the shared secret from the deterministic randomness of 16.2
(both sides' ephemeral keys where 16.2 gives them; section 6) and compares it with the logged
`shared secret`; builds the transcript (8) and the key schedule (9) and compares every logged
secret; decrypts the three server records with `s hs traffic` (sequence numbers 0, 1, 2) and
re-seals them byte for byte (10); checks the server key against its private key (an Ed25519 or
Ed448 seed also against its stream of 16.2), the fingerprint
(12.1) and the server signature over the content of 5.6 (re-signing where the algorithm is
deterministic); the server Finished (5.7); the application secrets and channel binding (9.5); the
client Finished record (`c hs traffic`, sequence 0); and the two application records, decrypted and
compared with `plaintext_utf8`, then re-sealed and compared with the exact frame bytes. Needs
Python 3 with the 'cryptography' package (48 or later: X25519, X448, P-256, Ed25519, Ed448, ECDSA,
ML-KEM-768, ML-DSA-65, AES-GCM, ChaCha20-Poly1305, AES-CTR). Run from the repository root:

    python3 docs/test-vectors/check/check_handshake.py docs/test-vectors/PARLEY1_*.json

Prints one line per file ("<file>: ... reproduced") and exits non-zero if any check fails.
"""
import hashlib
import hmac
import json
import struct
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, mldsa, mlkem, x448, x25519
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature, decode_dss_signature
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

# Section 4.1: label -> code, and the properties the check needs.
KEX = {"X25519MLKEM768": 0x0011, "X25519": 0x0001, "X448": 0x0002, "P256": 0x0003, "P384": 0x0004}
SIG = {"ED25519": 0x0101, "MLDSA65": 0x0111, "ED448": 0x0102, "ECDSAP256": 0x0103, "ECDSAP384": 0x0104,
       "RSAPSS3072": 0x0105}
CIPHER = {"AES256GCM": 0x0202, "CHACHA20POLY1305": 0x0203, "AES128GCM": 0x0201,
          "AES256CTR+HMACSHA256": 0x0211, "AES256CTR+HMACSHA512": 0x0212, "AES256CTR+HMACSHA3-256": 0x0213}
HASH = {"SHA384": 0x0302, "SHA256": 0x0301, "SHA512": 0x0303, "SHA3-256": 0x0304}
HASHLIB = {"SHA384": "sha384", "SHA256": "sha256", "SHA512": "sha512", "SHA3-256": "sha3_256"}
# Section 6: share, response, shared secret lengths.
KEX_LENGTHS = {"X25519": (32, 32, 32), "X448": (56, 56, 56), "P256": (65, 65, 32), "P384": (97, 97, 48),
               "X25519MLKEM768": (1216, 1120, 32)}
# Section 7: public key, signature lengths (RSA: not in any vector, not checked here).
SIG_LENGTHS = {"ED25519": (32, 64), "ED448": (57, 114), "ECDSAP256": (65, 64), "ECDSAP384": (97, 96),
               "MLDSA65": (1952, 3309)}
# Section 4.1 and 9.3: key length; encrypt-then-MAC ciphers also name their HMAC hash.
CIPHER_KEY = {"AES256GCM": 32, "CHACHA20POLY1305": 32, "AES128GCM": 16, "AES256CTR+HMACSHA256": 64,
              "AES256CTR+HMACSHA512": 96, "AES256CTR+HMACSHA3-256": 64}
ETM_HASH = {"AES256CTR+HMACSHA256": "sha256", "AES256CTR+HMACSHA512": "sha512",
            "AES256CTR+HMACSHA3-256": "sha3_256"}
LOG_LABELS = ["shared secret", "handshake secret", "c hs traffic", "s hs traffic", "master secret",
              "c ap traffic", "s ap traffic", "exporter"]  # section 9.7, in derivation order

MAX_PAYLOAD = 16896  # section 3.1
MAX_HANDSHAKE_LENGTH = 16000  # section 5.1
HANDSHAKE, ENCRYPTED = 0x16, 0x17
CLIENT_HELLO, SERVER_HELLO, SERVER_IDENTITY, SERVER_SIGNATURE, FINISHED = 1, 2, 11, 15, 20
INNER_HANDSHAKE, INNER_APPLICATION_FINAL = 1, 3
XWING_LABEL = bytes.fromhex("5c2e2f2f5e5c")
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551
P384_N = int("ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf581a0db248b0a77aecec196accc52973", 16)


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        assert self.pos + n <= len(self.data), "truncated at byte %d (need %d more)" % (self.pos, n)
        value = self.data[self.pos:self.pos + n]
        self.pos += n
        return value

    def u8(self):
        return self.take(1)[0]

    def u16(self):
        return struct.unpack(">H", self.take(2))[0]

    def u24(self):
        return int.from_bytes(self.take(3), "big")

    def vector16(self, minimum=1):
        n = self.u16()
        assert n >= minimum, "vector of %d bytes below its minimum %d" % (n, minimum)
        return self.take(n)

    def end(self):
        assert self.pos == len(self.data), "%d trailing bytes" % (len(self.data) - self.pos)


def frame(data, expected_type):
    """Section 3.1: one whole frame; returns (header, payload)."""
    r = Reader(data)
    kind, length = r.u8(), r.u16()
    assert kind == expected_type, "frame type 0x%02x, expected 0x%02x" % (kind, expected_type)
    assert length <= MAX_PAYLOAD, "frame length %d above MAX_PAYLOAD" % length
    payload = r.take(length)
    r.end()
    return data[:3], payload


def handshake_message(data, expected_type):
    """Section 5.1: one whole handshake message; returns a Reader over its body."""
    r = Reader(data)
    kind, length = r.u8(), r.u24()
    assert kind == expected_type, "handshake type %d, expected %d" % (kind, expected_type)
    assert length <= MAX_HANDSHAKE_LENGTH, "handshake body %d above 16000" % length
    assert length == len(data) - 4, "body length %d, but %d bytes follow" % (length, len(data) - 4)
    return Reader(data[4:])


class Suite:
    def __init__(self, name):
        parts = name.split("_")
        assert len(parts) == 5 and parts[0] == "PARLEY1", "not a canonical suite name: " + name
        self.name, self.kex, self.sig, self.cipher, self.hash = name, *parts[1:]
        assert self.kex in KEX and self.sig in SIG and self.cipher in CIPHER and self.hash in HASH, name
        self.codes = [KEX[self.kex], SIG[self.sig], CIPHER[self.cipher], HASH[self.hash]]
        self.hash_name = HASHLIB[self.hash]
        self.hash_length = hashlib.new(self.hash_name).digest_size

    def h(self, data):
        return hashlib.new(self.hash_name, data).digest()


# Section 9.1
def hkdf_extract(suite, salt, ikm):
    return hmac.new(salt or bytes(suite.hash_length), ikm, suite.hash_name).digest()


def hkdf_expand(suite, prk, info, length):
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), suite.hash_name).digest()
        out += block
        counter += 1
    return out[:length]


def expand_label(suite, secret, label, context, length):
    full = b"parley1 " + label.encode("ascii")
    info = struct.pack(">H", length) + bytes([len(full)]) + full + bytes([len(context)]) + context
    return hkdf_expand(suite, secret, info, length)


class RecordKey:
    """Sections 9.3 and 10: the key and IV of one traffic secret; seal and open one record."""

    def __init__(self, suite, secret):
        self.cipher = suite.cipher
        self.key = expand_label(suite, secret, "key", b"", CIPHER_KEY[suite.cipher])
        self.iv = expand_label(suite, secret, "iv", b"", 12)
        self.overhead = 64 if suite.cipher.endswith("HMACSHA512") else (32 if suite.cipher in ETM_HASH else 16)

    def nonce(self, seq):
        return bytes(a ^ b for a, b in zip(self.iv, bytes(4) + struct.pack(">Q", seq)))

    def _etm_tag(self, seq, aad, ciphertext):
        mac_key = self.key[32:]
        return hmac.new(mac_key, struct.pack(">QI", seq, len(aad)) + aad + ciphertext,
                        ETM_HASH[self.cipher]).digest()

    def _ctr(self, seq, data):
        ctr = Cipher(algorithms.AES(self.key[:32]), modes.CTR(self.nonce(seq) + bytes(4))).encryptor()
        return ctr.update(data) + ctr.finalize()

    def seal(self, seq, inner_type, content):
        plaintext = content + bytes([inner_type])  # no padding (16.1: default record limits)
        header = bytes([ENCRYPTED]) + struct.pack(">H", len(plaintext) + self.overhead)
        if self.cipher in ETM_HASH:
            ciphertext = self._ctr(seq, plaintext)
            payload = ciphertext + self._etm_tag(seq, header, ciphertext)
        elif self.cipher == "CHACHA20POLY1305":
            payload = ChaCha20Poly1305(self.key).encrypt(self.nonce(seq), plaintext, header)
        else:
            payload = AESGCM(self.key).encrypt(self.nonce(seq), plaintext, header)
        return header + payload

    def open(self, seq, data):
        """Section 10.2 steps 1-8; returns (inner_type, content, padding length)."""
        header, payload = frame(data, ENCRYPTED)
        assert len(payload) >= self.overhead + 1, "record payload too short"
        if self.cipher in ETM_HASH:
            ciphertext, tag = payload[:-self.overhead], payload[-self.overhead:]
            assert hmac.compare_digest(tag, self._etm_tag(seq, header, ciphertext)), \
                "record %d: HMAC does not verify" % seq
            plaintext = self._ctr(seq, ciphertext)
        else:
            aead = ChaCha20Poly1305(self.key) if self.cipher == "CHACHA20POLY1305" else AESGCM(self.key)
            plaintext = aead.decrypt(self.nonce(seq), payload, header)  # raises InvalidTag
        stripped = plaintext.rstrip(b"\x00")
        assert stripped, "record %d has no inner type" % seq
        padding = len(plaintext) - len(stripped)
        assert len(stripped) - 1 <= 16384 and padding <= 255, "record %d content or padding too long" % seq
        return stripped[-1], stripped[:-1], padding


def deterministic_stream(seed, length):
    """Section 16.2: SHA-256(seed_utf8 || u64(0)) || SHA-256(seed_utf8 || u64(1)) || ..."""
    out, counter = b"", 0
    while len(out) < length:
        out += hashlib.sha256(seed.encode("utf-8") + struct.pack(">Q", counter)).digest()
        counter += 1
    return out[:length]


def raw(public_key):
    return public_key.public_bytes(serialization.Encoding.Raw, serialization.PublicFormat.Raw)


def point(public_key):
    return public_key.public_bytes(serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)


def nonzero(secret):
    assert secret != bytes(len(secret)), "all-zero X25519/X448 secret"
    return secret


def shared_secret(suite, client_stream, server_stream, share, response):
    """Section 6 with the deterministic private values of 16.2: recomputes the client's ephemeral
    keys (checked against its share), the server's where 16.2 gives them (checked against the
    response), and the shared secret from each side's view. Returns (secret, notes)."""
    if suite.kex in ("X25519", "X448"):
        n, cls = (32, x25519.X25519PrivateKey) if suite.kex == "X25519" else (56, x448.X448PrivateKey)
        pub = x25519.X25519PublicKey if suite.kex == "X25519" else x448.X448PublicKey
        client = cls.from_private_bytes(client_stream[:n])
        server = cls.from_private_bytes(server_stream[:n])
        assert raw(client.public_key()) == share, "client share is not the scalar of 16.2 times the base point"
        assert raw(server.public_key()) == response, "server response is not the scalar of 16.2 times the base point"
        secret = nonzero(client.exchange(pub.from_public_bytes(response)))
        assert secret == nonzero(server.exchange(pub.from_public_bytes(share))), "the two sides' secrets differ"
        return secret, "recomputed from both sides' ephemeral keys"
    if suite.kex == "P256":
        length, curve = 32, ec.SECP256R1()
        client = ec.derive_private_key(int.from_bytes(client_stream[:length], "big"), curve)
        server = ec.derive_private_key(int.from_bytes(server_stream[:length], "big"), curve)
        assert point(client.public_key()) == share, "client share is not d*G for the d of 16.2"
        assert point(server.public_key()) == response, "server response is not d*G for the d of 16.2"
        secret = client.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(curve, response))
        assert secret == server.exchange(ec.ECDH(), ec.EllipticCurvePublicKey.from_encoded_point(curve, share))
        assert len(secret) == length
        return secret, "recomputed from both sides' ephemeral keys"
    assert suite.kex == "X25519MLKEM768", "16.2 does not say how the %s keys are drawn" % suite.kex
    ek_m, pk_x = share[:1184], share[1184:]
    ct_m, ct_x = response[:1088], response[1088:]
    decapsulation_key = mlkem.MLKEM768PrivateKey.from_seed_bytes(client_stream[:64])
    assert raw(decapsulation_key.public_key()) == ek_m, "ek_M is not ML-KEM-768 KeyGen(d, z) of 16.2"
    client_x = x25519.X25519PrivateKey.from_private_bytes(client_stream[64:96])
    assert raw(client_x.public_key()) == pk_x, "pk_X is not the X25519 scalar of 16.2 times the base point"
    server_x = x25519.X25519PrivateKey.from_private_bytes(server_stream[32:64])
    assert raw(server_x.public_key()) == ct_x, "ct_X is not the server's X25519 scalar of 16.2 times the base point"
    ss_m = decapsulation_key.decapsulate(ct_m)
    # FIPS 203 ML-KEM.Encaps_internal(ek, m) starts (K, r) = G(m || H(ek)) with G = SHA3-512 and
    # H = SHA3-256: the server's K from its m of 16.2 must be what the client decapsulates.
    m = server_stream[:32]
    assert hashlib.sha3_512(m + hashlib.sha3_256(ek_m).digest()).digest()[:32] == ss_m, \
        "the client's ML-KEM-768 secret is not the server's K for the m of 16.2"
    ss_x = nonzero(client_x.exchange(x25519.X25519PublicKey.from_public_bytes(ct_x)))
    assert ss_x == server_x.exchange(x25519.X25519PublicKey.from_public_bytes(pk_x)), "the two X25519 halves differ"
    secret = hashlib.sha3_256(ss_m + ss_x + ct_x + pk_x + XWING_LABEL).digest()
    return secret, ("recomputed from both sides' X25519 keys and ML-KEM-768 secret (the client's "
                    "decapsulation and the server's K from m; ct_M itself is not re-encrypted, as "
                    "'cryptography' cannot encapsulate with a given m)")


def check_public_key(suite, public_key, private_key):
    """Section 7: the listed public key is the one of the listed private key (16.1's encodings)."""
    if suite.sig == "ED25519":
        derived = raw(ed25519.Ed25519PrivateKey.from_private_bytes(private_key).public_key())
    elif suite.sig == "ED448":
        derived = raw(ed448.Ed448PrivateKey.from_private_bytes(private_key).public_key())
    elif suite.sig in ("ECDSAP256", "ECDSAP384"):
        curve, length = (ec.SECP256R1(), 32) if suite.sig == "ECDSAP256" else (ec.SECP384R1(), 48)
        assert len(private_key) == length
        derived = point(ec.derive_private_key(int.from_bytes(private_key, "big"), curve).public_key())
    elif suite.sig == "MLDSA65":
        derived = raw(mldsa.MLDSA65PrivateKey.from_seed_bytes(private_key).public_key())
    else:
        raise AssertionError("no check for signature " + suite.sig)
    assert derived == public_key, "server_public_key is not the public key of server_private_key"


def check_signature(suite, public_key, private_key, signature, content):
    """Sections 5.6 and 7: verify; where signing is deterministic also re-sign and compare."""
    key_length, signature_length = SIG_LENGTHS[suite.sig]
    assert len(public_key) == key_length and len(signature) == signature_length, "wrong key or signature length"
    if suite.sig in ("ED25519", "ED448"):
        module = ed25519.Ed25519PublicKey if suite.sig == "ED25519" else ed448.Ed448PublicKey
        module.from_public_bytes(public_key).verify(signature, content)
        signer = ed25519.Ed25519PrivateKey if suite.sig == "ED25519" else ed448.Ed448PrivateKey
        assert signer.from_private_bytes(private_key).sign(content) == signature, "re-signing gives other bytes"
        return "verified and re-signed"
    if suite.sig in ("ECDSAP256", "ECDSAP384"):
        curve, length, n, digest = ((ec.SECP256R1(), 32, P256_N, hashes.SHA256()) if suite.sig == "ECDSAP256"
                                    else (ec.SECP384R1(), 48, P384_N, hashes.SHA384()))
        r, s = int.from_bytes(signature[:length], "big"), int.from_bytes(signature[length:], "big")
        assert 1 <= r <= n - 1 and 1 <= s <= n - 1, "r or s out of range"
        ec.EllipticCurvePublicKey.from_encoded_point(curve, public_key).verify(
            encode_dss_signature(r, s), content, ec.ECDSA(digest))
        assert s <= n // 2, "the reference signer produces low-s only (7.3)"
        private = ec.derive_private_key(int.from_bytes(private_key, "big"), curve)
        r2, s2 = decode_dss_signature(private.sign(content, ec.ECDSA(digest, deterministic_signing=True)))
        if s2 > n // 2:
            s2 = n - s2
        assert r2.to_bytes(length, "big") + s2.to_bytes(length, "big") == signature, \
            "RFC 6979 low-s re-signing gives other bytes"
        return "verified (P1363 r || s) and re-signed (RFC 6979, low-s)"
    assert suite.sig == "MLDSA65"
    mldsa.MLDSA65PublicKey.from_public_bytes(public_key).verify(signature, content, b"")
    return "verified (hedged signing is not repeated)"


def check(path):
    v = json.load(open(path, encoding="utf-8"))
    suite = Suite(v["suite"])
    assert v["server_signature_algorithm"] == suite.sig, "server_signature_algorithm differs from the suite"
    frames = v["handshake_frames"]
    assert [f["from"] for f in frames] == ["client", "server", "server", "server", "server", "client"], \
        "handshake_frames are not in the order of 16.1"
    raw_frames = [bytes.fromhex(f["hex"]) for f in frames]
    share_length, response_length, secret_length = KEX_LENGTHS[suite.kex]

    # Frames and the plaintext messages (sections 3, 5.3, 5.4).
    _, client_hello = frame(raw_frames[0], HANDSHAKE)
    r = handshake_message(client_hello, CLIENT_HELLO)
    assert r.take(4) == b"PRLY" and r.u16() == 1, "magic or version"
    client_random = r.take(32)
    offers = []
    for table in (KEX, SIG, CIPHER, HASH):
        count = r.u8()
        assert 1 <= count <= 16, "CodeList count %d" % count
        codes = [r.u16() for _ in range(count)]
        assert all(c in table.values() for c in codes) and len(set(codes)) == count, "unknown or duplicate code"
        offers.append(codes)
    assert offers == [[c] for c in suite.codes], "the client does not offer exactly the suite (16.1)"
    assert r.u8() == 1, "share_count"
    assert r.u16() == suite.codes[0], "share for another key exchange"
    share = r.vector16()
    r.end()
    assert len(share) == share_length, "share length %d" % len(share)

    _, server_hello = frame(raw_frames[1], HANDSHAKE)
    r = handshake_message(server_hello, SERVER_HELLO)
    assert r.u16() == 1, "ServerHello version"
    server_random = r.take(32)
    assert [r.u16() for _ in range(4)] == suite.codes, "ServerHello chose other codes"
    response = r.vector16()
    r.end()
    assert len(response) == response_length, "response length %d" % len(response)

    # Section 16.2: the randomness; then the shared secret (section 6).
    client_stream = deterministic_stream("parley test vector %s client" % suite.name, 256)
    server_stream = deterministic_stream("parley test vector %s server" % suite.name, 256)
    drawn = {"X25519": 32, "X448": 56, "P256": 32, "X25519MLKEM768": 96}[suite.kex]  # 16.2's table
    server_drawn = {"X25519MLKEM768": 64}.get(suite.kex, drawn)
    assert client_random == client_stream[drawn:drawn + 32], "ClientHello random is not the stream of 16.2"
    assert server_random == server_stream[server_drawn:server_drawn + 32], "ServerHello random is not the stream of 16.2"
    secrets = {label: bytes.fromhex(value) for label, value in v["secrets"].items()}
    assert list(v["secrets"]) == LOG_LABELS, "secrets are not the labels of 9.7 in derivation order"
    secret, how = shared_secret(suite, client_stream, server_stream, share, response)
    assert len(secret) == secret_length and secret == secrets["shared secret"], "shared secret differs from the log"

    # Transcript (section 8) and handshake secrets (9.2).
    name = suite.name.encode("ascii")
    transcript = bytes([len(name)]) + name + client_hello + server_hello
    th_server_hello = suite.h(transcript)
    handshake_secret = hkdf_extract(suite, b"", secret)
    assert handshake_secret == secrets["handshake secret"], "handshake secret differs"
    c_hs = expand_label(suite, handshake_secret, "c hs traffic", th_server_hello, suite.hash_length)
    s_hs = expand_label(suite, handshake_secret, "s hs traffic", th_server_hello, suite.hash_length)
    assert c_hs == secrets["c hs traffic"], "c hs traffic differs"
    assert s_hs == secrets["s hs traffic"], "s hs traffic differs"

    # The three server records under s_hs, sequence numbers 0, 1, 2 (5.2, 10.2).
    server_hs = RecordKey(suite, s_hs)
    messages = []
    for seq, data in enumerate(raw_frames[2:5]):
        inner, content, padding = server_hs.open(seq, data)
        assert inner == INNER_HANDSHAKE and padding == 0, "server record %d: inner type %d, padding %d" % (
            seq, inner, padding)
        assert server_hs.seal(seq, inner, content) == data, "server record %d does not re-seal to its bytes" % seq
        messages.append(content)

    # ServerIdentity (5.5) and the fingerprint (12.1).
    r = handshake_message(messages[0], SERVER_IDENTITY)
    assert r.u16() == suite.codes[1], "ServerIdentity signature code"
    public_key = r.vector16()
    r.end()
    assert public_key.hex() == v["server_public_key"], "ServerIdentity key differs from server_public_key"
    private_key = bytes.fromhex(v["server_private_key"])
    check_public_key(suite, public_key, private_key)
    if suite.sig in ("ED25519", "ED448"):  # 16.2: these seeds are the first bytes of their own stream
        long_term = deterministic_stream("parley test vector %s/%s" % (suite.name, suite.sig), len(private_key))
        assert private_key == long_term, "server_private_key is not the start of the stream of 16.2"
    fingerprint = hashlib.sha256(messages[0][4:]).hexdigest()
    display = "SHA256:" + " ".join(fingerprint[i:i + 4] for i in range(0, 64, 4))
    assert display == v["server_fingerprint"], "fingerprint differs: " + display
    transcript += messages[0]

    # ServerSignature over the content of 5.6.
    r = handshake_message(messages[1], SERVER_SIGNATURE)
    signature = r.vector16()
    r.end()
    content = b"\x20" * 64 + b"Parley v1 server signature" + b"\x00" + suite.h(transcript)
    assert len(content) == 64 + 26 + 1 + suite.hash_length
    signed = check_signature(suite, public_key, private_key, signature, content)
    transcript += messages[1]

    # Server Finished (5.7).
    r = handshake_message(messages[2], FINISHED)
    verify_data = r.take(len(messages[2]) - 4)
    server_finished_key = expand_label(suite, s_hs, "finished", b"", suite.hash_length)
    assert verify_data == hmac.new(server_finished_key, suite.h(transcript), suite.hash_name).digest(), \
        "server Finished differs"
    transcript += messages[2]
    th_server_finished = suite.h(transcript)

    # Application secrets and channel binding (9.2, 9.5).
    derived = expand_label(suite, handshake_secret, "derived", suite.h(b""), suite.hash_length)
    master = hkdf_extract(suite, derived, bytes(suite.hash_length))
    assert master == secrets["master secret"], "master secret differs"
    c_ap, s_ap, exporter = (expand_label(suite, master, label, th_server_finished, suite.hash_length)
                            for label in ("c ap traffic", "s ap traffic", "exporter"))
    assert (c_ap, s_ap, exporter) == (secrets["c ap traffic"], secrets["s ap traffic"], secrets["exporter"]), \
        "application secrets differ"
    assert expand_label(suite, exporter, "channel binding", b"", 32).hex() == v["channel_binding"], \
        "channel binding differs"

    # Client Finished under c_hs, sequence 0 (5.7).
    client_hs = RecordKey(suite, c_hs)
    inner, client_finished, padding = client_hs.open(0, raw_frames[5])
    assert inner == INNER_HANDSHAKE and padding == 0, "client Finished record: inner type or padding"
    r = handshake_message(client_finished, FINISHED)
    client_finished_key = expand_label(suite, c_hs, "finished", b"", suite.hash_length)
    assert r.take(len(client_finished) - 4) == hmac.new(client_finished_key, th_server_finished,
                                                       suite.hash_name).digest(), "client Finished differs"
    assert client_hs.seal(0, inner, client_finished) == raw_frames[5], "client Finished does not re-seal"

    # The two application records, sequence 0 under c_ap and s_ap (10.2, 10.5).
    applications = v["application_frames"]
    assert [a["from"] for a in applications] == ["client", "server"], "application_frames order"
    for a, key in zip(applications, (RecordKey(suite, c_ap), RecordKey(suite, s_ap))):
        data = bytes.fromhex(a["frame"])
        inner, content, padding = key.open(0, data)
        assert inner == INNER_APPLICATION_FINAL and padding == 0, "application record: inner type or padding"
        assert content.decode("utf-8") == a["plaintext_utf8"], "application record plaintext differs"
        assert key.seal(0, INNER_APPLICATION_FINAL, a["plaintext_utf8"].encode("utf-8")) == data, \
            "application record does not re-seal to its frame"

    print("%s: %s: frames, messages, transcript, every logged secret, 4 handshake records, fingerprint, "
          "signature (%s), both Finished, channel binding and 2 application records reproduced; "
          "shared secret %s" % (path, suite.name, signed, how))


def main(paths):
    failures = 0
    for path in paths:
        try:
            check(path)
        except Exception as e:  # every failure of a file is reported, then the next file is checked
            failures += 1
            print("%s: FAILED: %s: %s" % (path, type(e).__name__, e))
    if failures:
        sys.exit("%d of %d files failed" % (failures, len(paths)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_handshake.py PARLEY1_FILE.json...")
    main(sys.argv[1:])
