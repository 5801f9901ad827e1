#!/usr/bin/env python3
"""Independent check of docs/test-vectors/E2EE_*.json, written from docs/E2EE.md alone.

From Bob's device state and persisted prekey store in the vector, it parses the session-start
envelope a3, recomputes DH1..DH4, the ML-KEM-768 shared secret, the transcript, the associated data
and the session key (sections 6, 7). Then it replays the whole conversation with both sides'
double ratchets (sections 8, 9), using the random bytes each send lists for the new ratchet keys
and ML-KEM offers: every send's ratchet key, offered key and ciphertext are checked, and every
receipt (out of order, and across the PQ step) must open to what was sent. The safety-number
file is checked against section 13, and a room file (E2EE_room.json) by check_room.py against
section 19; the file's fields choose the check, and a file of any other shape fails. Needs
Python 3 with the 'cryptography' package (X25519, Ed25519, ML-KEM-768, AES-GCM).

    python3 docs/test-vectors/check/check_e2ee.py docs/test-vectors/E2EE_*.json
"""
import hashlib
import hmac
import json
import struct
import sys

from cryptography.hazmat.primitives.asymmetric import mlkem, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

sys.dont_write_bytecode = True  # importing the room check leaves no __pycache__ in docs/
import check_room  # noqa: E402 (after the line above)


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
    alice_ratchet = bytes.fromhex(initiate["random"])[-32:]
    alice = Party(sk, alice_ratchet, spk_public, suite=start["suite"])
    alice.send_step(alice_ratchet, None, b"", b"")
    bob = Party(sk, spk_private, None, suite=start["suite"])
    offers = {}
    checked = 0
    for step in v["steps"]:
        if "send" in step:
            party = alice if step["send"][0] == "a" else bob
            _, head, ratchet_key, n, ciphertext = envelope(bytes.fromhex(step["envelope"]))
            random = bytes.fromhex(step["random"])
            pq_type, pq_data = head[40], head[41:]
            if party.send_due:
                ss, binding = b"", b""
                if pq_type == 2:
                    seed, ek = offers[party.peer_offer]
                    ss = mlkem.MLKEM768PrivateKey.from_seed_bytes(seed).decapsulate(pq_data)
                    binding = sha256(ek + pq_data)
                elif pq_type == 1:
                    offers[pq_data] = (random[32:96], pq_data)
                    own = mlkem.MLKEM768PrivateKey.from_seed_bytes(random[32:96]).public_key().public_bytes_raw()
                    assert own == pq_data, "offered key is not the one the recorded seed makes"
                    party.own_offer = pq_data
                party.send_step(random[:32], None, ss, binding)
            assert ratchet_key == party.public, "ratchet key differs"
            mk = party.next_sending_key()
            okm = hkdf_expand(mk, b"parley-e2ee v1 message", 44)
            plaintext = AESGCM(okm[:32]).decrypt(okm[32:], ciphertext, th + head)
            assert plaintext.hex() == step["inner_message"], step["send"] + " differs"
            sent[step["send"]]["plaintext"] = plaintext
        elif "receive" in step:
            name = step["receive"].split()[0]
            party = bob if step["by"] == "bob" else alice
            _, head, ratchet_key, n, ciphertext = envelope(bytes.fromhex(sent[name]["envelope"]))
            mk = party.receive(head, ratchet_key, n, offers)
            okm = hkdf_expand(mk, b"parley-e2ee v1 message", 44)
            plaintext = AESGCM(okm[:32]).decrypt(okm[32:], ciphertext, th + head)
            assert plaintext == sent[name]["plaintext"], name + " received differs"
            checked += 1
    print(path + ": session start, associated data and all %d sends and %d receipts reproduced" %
          (len(sent), checked))


class Party:
    """One side's double ratchet, as docs/E2EE.md sections 7 to 9 describe it."""

    def __init__(self, root_key, own_private, peer_public, suite):
        self.rk, self.private, self.dhr, self.suite = root_key, own_private, peer_public, suite
        self.public = x25519.X25519PrivateKey.from_private_bytes(own_private).public_key().public_bytes_raw()
        self.cks = self.ckr = None
        self.nr = 0
        self.skipped = {}
        self.send_due = False
        self.own_offer = None
        self.peer_offer = None

    def root_step(self, dh_out, ss, binding):
        out = hkdf_expand(hkdf_extract(self.rk, dh_out + ss),
                          b"parley-e2ee v1 ratchet" + bytes([self.suite]) + binding, 64)
        self.rk = out[:32]
        return out[32:]

    def send_step(self, new_private, _unused, ss, binding):
        self.private = new_private
        self.public = x25519.X25519PrivateKey.from_private_bytes(new_private).public_key().public_bytes_raw()
        self.cks = self.root_step(dh(new_private, self.dhr), ss, binding)
        if ss:
            self.peer_offer = None
        self.send_due = False

    def next_sending_key(self):
        mk = hmac.new(self.cks, b"\x01", hashlib.sha256).digest()
        self.cks = hmac.new(self.cks, b"\x02", hashlib.sha256).digest()
        return mk

    def skip_to(self, until):
        assert until - self.nr <= 1000
        while self.nr < until:
            self.skipped[(self.dhr, self.nr)] = hmac.new(self.ckr, b"\x01", hashlib.sha256).digest()
            self.ckr = hmac.new(self.ckr, b"\x02", hashlib.sha256).digest()
            self.nr += 1

    def receive(self, head, ratchet_key, n, offers):
        if (ratchet_key, n) in self.skipped:
            return self.skipped.pop((ratchet_key, n))
        if ratchet_key != self.dhr:
            if self.ckr is not None:
                self.skip_to(struct.unpack(">I", head[32:36])[0])
            ss, binding = b"", b""
            pq_type, pq_data = head[40], head[41:]
            if pq_type == 2:
                seed, ek = offers[self.own_offer]
                ss = mlkem.MLKEM768PrivateKey.from_seed_bytes(seed).decapsulate(pq_data)
                binding = sha256(ek + pq_data)
                self.own_offer = None
            else:
                assert self.own_offer is None, "an outstanding offer must be answered"
            if pq_type == 1:
                self.peer_offer = pq_data
            self.dhr = ratchet_key
            self.ckr = self.root_step(dh(self.private, ratchet_key), ss, binding)
            self.nr = 0
            self.send_due = True
        self.skip_to(n)
        mk = hmac.new(self.ckr, b"\x01", hashlib.sha256).digest()
        self.ckr = hmac.new(self.ckr, b"\x02", hashlib.sha256).digest()
        self.nr = n + 1
        return mk


def safety_number(path):
    """Section 13: per-user iterated SHA-512, 5-digit groups, smaller half first, and the QR bytes."""
    v = json.load(open(path))

    def half(user):
        keys = sorted(set(bytes.fromhex(k) for k in user["signing_keys"]))
        all_keys, name = b"".join(keys), user["name"].encode()
        h = hashlib.sha512(b"parley-e2ee v1 safety number" + struct.pack(">H", len(name)) + name
                           + struct.pack(">H", len(keys)) + all_keys).digest()
        for _ in range(1, v["iterations"]):
            h = hashlib.sha512(h + all_keys).digest()
        digits = "".join("%05d" % (int.from_bytes(h[5 * j:5 * j + 5], "big") % 100000) for j in range(6))
        return digits, h[:32]

    first, second = sorted([half(v["user_a"]), half(v["user_b"])])
    assert first[0] + second[0] == v["digits"], "digits differ"
    assert (b"\x01" + first[1] + second[1]).hex() == v["qr_payload"], "QR payload differs"
    print(path + ": safety number and QR payload reproduced")


def check(path):
    """Chooses the check by the file's shape; a file of another shape is an error, not a pass."""
    shape = set(json.load(open(path)))
    if {"user_a", "user_b", "digits", "qr_payload"} <= shape:
        safety_number(path)
    elif {"devices", "log", "script"} <= shape:
        check_room.main(path)
    elif {"bob", "steps"} <= shape:
        main(path)
    else:
        sys.exit(path + ": no check for a file with the fields " + ", ".join(sorted(shape)))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit("usage: check_e2ee.py E2EE_FILE.json...")
    for argument in sys.argv[1:]:
        check(argument)
