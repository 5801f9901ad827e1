#!/usr/bin/env python3
"""Independent check of docs/test-vectors/E2EE_*.json, written from docs/E2EE.md alone.

Plays Bob: from his device state and persisted prekey store in the vector, it parses the
session-start envelope a3, recomputes DH1..DH4, the ML-KEM-768 shared secret, the transcript, the
associated data and the session key (sections 6, 7), turns the receiving ratchet (8.3) and opens
a3, then a1 and a2 from the skipped keys (8.5), comparing each plaintext with the vector's inner
message. Needs Python 3 with the 'cryptography' package (X25519, ML-KEM-768, HKDF, AES-GCM).

    python3 docs/test-vectors/check/check_e2ee_start.py docs/test-vectors/E2EE_pq-ratchet.json
"""
import hashlib
import hmac
import json
import struct
import sys

from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM


def sha256(data):
    return hashlib.sha256(data).digest()


def hkdf_extract(salt, ikm):
    return hmac.new(salt, ikm, hashlib.sha256).digest()


def hkdf_expand(prk, info, length):
    out, block, counter = b"", b"", 1
    while len(out) < length:
        block = hmac.new(prk, block + info + bytes([counter]), hashlib.sha256).digest()
        out += block
        counter += 1
    return out[:length]


def dh(private, public):
    shared = x25519.X25519PrivateKey.from_private_bytes(private).exchange(
        x25519.X25519PublicKey.from_public_bytes(public))
    assert shared != bytes(32)
    return shared


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        assert self.pos + n <= len(self.data), "truncated"
        value = self.data[self.pos:self.pos + n]
        self.pos += n
        return value

    def u8(self):
        return self.take(1)[0]

    def u16(self):
        return struct.unpack(">H", self.take(2))[0]

    def u32(self):
        return struct.unpack(">I", self.take(4))[0]

    def u64(self):
        return struct.unpack(">Q", self.take(8))[0]


def prekey_store(blob):
    r = Reader(blob)
    assert r.u8() == 1
    [r.u32() for _ in range(4)]
    keys = {}
    for _ in range(r.u16()):
        kind, key_id = r.u8(), r.u32()
        r.u64()
        keys[(kind, key_id)] = r.take(r.u8())
    assert r.pos == len(blob)
    return keys


def header(r):
    start = r.pos
    ratchet_key, pn, n, pq_type = r.take(32), r.u32(), r.u32(), r.u8()
    r.take({0: 0, 1: 1184, 2: 1088}[pq_type])
    return r.data[start:r.pos], ratchet_key, n


def envelope(blob):
    r = Reader(blob)
    assert r.u8() == 1
    kind = r.u8()
    start = None
    if kind == 1:
        suite = r.u8()
        identity = r.take(r.u16())
        base_key = r.take(32)
        spk_id = r.u32()
        opk_id = r.u32() if r.u8() == 1 else None
        kem_kind = r.u8()
        kem = (kem_kind, r.u32(), r.take(1088)) if kem_kind else None
        start = dict(suite=suite, identity=identity, base_key=base_key, spk_id=spk_id, opk_id=opk_id, kem=kem)
    head, ratchet_key, n = header(r)
    ciphertext = r.take(r.u16())
    assert r.pos == len(blob)
    return start, head, ratchet_key, n, ciphertext


def main(path):
    v = json.load(open(path))
    bob_state = bytes.fromhex(v["bob"]["device_state"])
    bob_identity = bytes.fromhex(v["bob"]["identity"])
    keys = prekey_store(bytes.fromhex(v["bob"]["prekey_store"]))
    sent = {s["send"]: s for s in v["steps"] if "send" in s}
    start, head, ratchet_key, n, ciphertext = envelope(bytes.fromhex(sent["a3"]["envelope"]))
    ik_a = start["identity"][32:64]
    ek = start["base_key"]
    spk_private = keys[(1, start["spk_id"])]
    spk_public = x25519.X25519PrivateKey.from_private_bytes(spk_private).public_key().public_bytes_raw()
    secrets = [dh(spk_private, ik_a), dh(bob_state[33:65], ek), dh(spk_private, ek)]
    transcript = b"parley-e2ee v1 start" + bytes([start["suite"]])
    transcript += struct.pack(">H", len(start["identity"])) + start["identity"]
    transcript += struct.pack(">H", len(bob_identity)) + bob_identity
    transcript += struct.pack(">I", start["spk_id"]) + spk_public
    if start["opk_id"] is None:
        transcript += b"\x00"
    else:
        opk_private = keys[(2, start["opk_id"])]
        secrets.append(dh(opk_private, ek))
        opk_public = x25519.X25519PrivateKey.from_private_bytes(opk_private).public_key().public_bytes_raw()
        transcript += b"\x01" + struct.pack(">I", start["opk_id"]) + opk_public
    if start["kem"] is None:
        transcript += b"\x00"
    else:
        kem_kind, kem_id, kem_ct = start["kem"]
        dk = mlkem.MLKEM768PrivateKey.from_seed_bytes(keys[(kem_kind, kem_id)])
        secrets.append(dk.decapsulate(kem_ct))
        transcript += bytes([kem_kind]) + struct.pack(">I", kem_id) + dk.public_key().public_bytes_raw() + kem_ct
    transcript += ek
    th = sha256(transcript)
    initiate = next(s for s in v["steps"] if "initiate" in s)
    assert th.hex() == initiate["associated_data"], "associated data differs"
    sk = hkdf_expand(hkdf_extract(th, b"\xff" * 32 + b"".join(secrets)), b"parley-e2ee v1 root key", 32)
    out = hkdf_expand(hkdf_extract(sk, dh(spk_private, ratchet_key)),
                      b"parley-e2ee v1 ratchet" + bytes([start["suite"]]), 64)
    chain = out[32:]
    message_keys = []
    for _ in range(3):
        message_keys.append(hmac.new(chain, b"\x01", hashlib.sha256).digest())
        chain = hmac.new(chain, b"\x02", hashlib.sha256).digest()
    for name in ("a3", "a1", "a2"):
        _, head, _, n, ciphertext = envelope(bytes.fromhex(sent[name]["envelope"]))
        okm = hkdf_expand(message_keys[n], b"parley-e2ee v1 message", 44)
        plaintext = AESGCM(okm[:32]).decrypt(okm[32:], ciphertext, th + head)
        assert plaintext.hex() == sent[name]["inner_message"], name + " differs"
    print(path + ": session start, associated data and messages a3, a1, a2 reproduced")


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        main(argument)
