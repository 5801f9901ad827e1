#!/usr/bin/env python3
"""Independent check of docs/test-vectors/E2EE_room.json, written from docs/E2EE.md alone
(section 19, with sections 1, 4, 7 and 11 for what it borrows).

From each device's random bytes it rebuilds the device's identity (Ed25519 seed, then X25519
scalar; section 4) and compares it byte for byte, and with the identity the log admits for that
device. It decodes every membership-log entry with the maxima of 19.2 (re-encoding gives the
input), recomputes each entry hash and the chain of prev_hash values, verifies each signature with the key 19.3 names, applies the rules of 19.4 and
compares the members after each entry. Then it replays the script with one state per device:
each new chain (chain key then Ed25519 seed, 19.5) is distributed to exactly the devices the
sender's verified log admits (19.8); each distribution is rebuilt byte for byte from the sender's
chain and log (19.7), found as the body of its inner message (section 11, content type
sender_key), and accepted by the recipient with the checks of 19.7; each room message is
re-encrypted and re-signed by the sender (19.5, 19.6) and must equal the envelope byte for byte,
then every other device opens it as 19.6 says, the messages sent between two other steps newest
first (so alice's first message takes a skipped key), and a device that was never given a chain is refused with UNKNOWN_CHAIN. Needs Python 3 with the
'cryptography' package (Ed25519, X25519, AES-GCM).

    python3 docs/test-vectors/check/check_room.py docs/test-vectors/E2EE_room.json

check_e2ee.py calls it for every E2EE_*.json file shaped like a room vector.
"""
import hashlib
import hmac
import json
import struct
import sys

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric import ed25519, x25519
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

LOG_LABEL = b"parley-e2ee v1 room log"
ROOM_LABEL = b"parley-e2ee v1 room message"
IDENTITY_LABEL = b"parley-e2ee v1 identity"
ACTIONS = {1: "create", 2: "invite", 3: "join", 4: "leave", 5: "kick", 6: "ban", 7: "role",
           8: "device_added", 9: "device_removed", 10: "invite_devices"}
ROLES = {0: "MEMBER", 1: "OPERATOR", 2: "OWNER"}
MAX_DEVICES, MAX_DEVICES_PER_USER, SKIP_WINDOW = 10000, 32, 1000


class Refused(Exception):
    """A refusal with the RoomError name of 19.10."""

    def __init__(self, error, why=""):
        super().__init__(error + (": " + why if why else ""))
        self.error = error


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise Refused("MALFORMED", "truncated")
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

    def vector(self, low, high, prefix):
        length = self.u8() if prefix == 1 else self.u16()
        if not low <= length <= high:
            raise Refused("MALFORMED", "length %d outside %d..%d" % (length, low, high))
        return self.take(length)

    def name(self):
        """A user name or room id: opaque<1..64>u8, UTF-8."""
        return self.vector(1, 64, 1).decode("utf-8")

    def end(self):
        if self.pos != len(self.data):
            raise Refused("MALFORMED", "trailing bytes")


def u8_vector(data):
    return bytes([len(data)]) + data


def u16_vector(data):
    return struct.pack(">H", len(data)) + data


def verify(public_key, signature, message):
    try:
        ed25519.Ed25519PublicKey.from_public_bytes(public_key).verify(signature, message)
    except InvalidSignature:
        raise Refused("BAD_SIGNATURE")


def ed_public(seed):
    return ed25519.Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes_raw()


def identity(blob):
    """Section 4: a DeviceIdentity, parsed and verified; returns its signing key."""
    if not 64 <= len(blob) <= 256:
        raise Refused("MALFORMED", "identity length")
    r = Reader(blob)
    signing_key, _agreement_key = r.take(32), r.take(32)
    if r.u8() != 1:
        raise Refused("UNSUPPORTED_VERSION", "identity")
    suites = list(r.vector(1, 8, 1))
    if 0 in suites or suites != sorted(set(suites)):
        raise Refused("MALFORMED", "suites")
    signature = r.take(64)
    r.end()
    verify(signing_key, signature, IDENTITY_LABEL + blob[:-64])
    return signing_key


# ---------------------------------------------------------------- membership log (19.2 to 19.4)

def log_entry(blob):
    """19.2: decode one LogEntry; the result re-encodes to the input."""
    if not 1 <= len(blob) <= 1024:
        raise Refused("MALFORMED", "entry length")
    r = Reader(blob)
    if r.u8() != 1:
        raise Refused("UNSUPPORTED_VERSION", "entry")
    e = dict(seq=r.u32(), prev_hash=r.take(32), at=r.u64(), actor_user=r.name(), actor_device=r.u32())
    if e["at"] >= 1 << 63 or e["actor_device"] == 0:
        raise Refused("MALFORMED", "at or actor device")
    code = r.u8()
    if code not in ACTIONS:
        raise Refused("MALFORMED", "action %d" % code)
    e["action"] = action = ACTIONS[code]
    body = b""
    if action == "create":
        e["room_id"], e["room_name"] = r.name(), r.vector(1, 255, 1).decode("utf-8")
        e["visibility"], e["identity"] = r.u8(), r.vector(64, 256, 2)
        if e["visibility"] > 1:
            raise Refused("MALFORMED", "visibility")
        body = (u8_vector(e["room_id"].encode()) + u8_vector(e["room_name"].encode())
                + bytes([e["visibility"]]) + u16_vector(e["identity"]))
    elif action in ("invite", "kick", "ban"):
        e["target"] = r.name()
        body = u8_vector(e["target"].encode())
    elif action == "join":
        e["identity"] = r.vector(64, 256, 2)
        body = u16_vector(e["identity"])
    elif action == "role":
        e["target"], e["role"] = r.name(), r.u8()
        if e["role"] not in ROLES:
            raise Refused("MALFORMED", "role")
        body = u8_vector(e["target"].encode()) + bytes([e["role"]])
    elif action == "device_added":
        e["device_id"], e["identity"] = r.u32(), r.vector(64, 256, 2)
        body = struct.pack(">I", e["device_id"]) + u16_vector(e["identity"])
    elif action == "device_removed":
        e["device_id"] = r.u32()
        body = struct.pack(">I", e["device_id"])
    elif action == "invite_devices":
        e["target"], count = r.name(), r.u8()
        if not 1 <= count <= 16:
            raise Refused("MALFORMED", "key_count")
        e["keys"] = [r.take(32) for _ in range(count)]
        if any(a >= b for a, b in zip(e["keys"], e["keys"][1:])):
            raise Refused("MALFORMED", "keys not strictly ascending")
        body = u8_vector(e["target"].encode()) + bytes([count]) + b"".join(e["keys"])
    e["signature"] = r.take(64)
    r.end()
    if "identity" in e:
        e["identity_key"] = identity(e["identity"])
    encoded = (b"\x01" + struct.pack(">I", e["seq"]) + e["prev_hash"] + struct.pack(">Q", e["at"])
               + u8_vector(e["actor_user"].encode()) + struct.pack(">I", e["actor_device"]) + bytes([code])
               + body + e["signature"])
    assert encoded == blob, "entry %d does not re-encode to its bytes" % e["seq"]
    return e


class Membership:
    """19.3's result: roles, admitted devices with their identities, invitations, bans."""

    def __init__(self):
        self.room_id = None
        self.private = True
        self.roles = {}          # user -> 0, 1 or 2
        self.devices = {}        # (user, device id) -> identity blob
        self.invited = {}        # user -> None (invite) or set of signing keys (invite_devices)
        self.banned = set()

    def key_of(self, user, device):
        if (user, device) not in self.devices:
            raise Refused("LOG_FORBIDDEN", "actor device not admitted")
        return self.devices[(user, device)][:32]

    def admitted_keys(self):
        return {blob[:32] for blob in self.devices.values()}

    def members(self):
        return "{" + ", ".join("%s=%s" % (u, ROLES[r]) for u, r in sorted(self.roles.items())) + "}"

    def remove_user(self, user):
        self.roles.pop(user, None)
        for ref in [ref for ref in self.devices if ref[0] == user]:
            del self.devices[ref]

    def apply(self, e, position):
        """Signature (19.3) and rules (19.4) for the entry at this position."""
        a, actor, device = e["action"], e["actor_user"], e["actor_device"]
        signed = e["raw"][:-64]
        if a in ("create", "join"):
            verify(e["identity_key"], e["signature"], LOG_LABEL + signed)
        else:
            verify(self.key_of(actor, device), e["signature"], LOG_LABEL + signed)
        forbid = lambda why: Refused("LOG_FORBIDDEN", a + ": " + why)
        if (a == "create") != (position == 0):
            raise forbid("create is exactly the entry at position 0")
        role = self.roles.get(actor)
        target = e.get("target")
        if a == "create":
            self.room_id, self.private = e["room_id"], e["visibility"] == 0
            self.roles[actor] = 2
            self.devices[(actor, device)] = e["identity"]
        elif a in ("invite", "invite_devices"):
            if role is None or role < 1:
                raise forbid("inviter is not an operator or owner")
            if target in self.roles or target in self.banned:
                raise forbid("target is a member or banned")
            if a == "invite" and target in self.invited:
                raise forbid("already invited")
            self.invited[target] = None if a == "invite" else set(e["keys"])
        elif a == "join":
            if actor in self.roles or actor in self.banned:
                raise forbid("already a member, or banned")
            if self.private:
                if actor not in self.invited:
                    raise forbid("no invitation")
                keys = self.invited.pop(actor)
                if keys is not None and e["identity_key"] not in keys:
                    raise forbid("the invitation does not name this device's key")
            if e["identity_key"] in self.admitted_keys() or len(self.devices) >= MAX_DEVICES:
                raise forbid("key already admitted, or room full")
            self.roles[actor] = 0
            self.devices[(actor, device)] = e["identity"]
        elif a == "leave":
            if role == 2 and list(self.roles.values()).count(2) == 1:
                raise forbid("the last owner")
            self.remove_user(actor)
        elif a in ("kick", "ban"):
            if a == "kick" and target not in self.roles:
                raise forbid("target is not a member")
            if a == "ban" and (target == actor or target in self.banned):
                raise forbid("target is the actor or already banned")
            if target in self.roles and not (role is not None and role > self.roles[target]):
                raise forbid("actor does not outrank target")
            if target not in self.roles and (role is None or role < 1):
                raise forbid("only an operator or owner bans a non-member")
            self.remove_user(target)
            if a == "ban":
                self.invited.pop(target, None)
                self.banned.add(target)
        elif a == "role":
            if role != 2 or target not in self.roles:
                raise forbid("actor is not an owner, or target is not a member")
            self.roles[target] = e["role"]
            if 2 not in self.roles.values():
                raise forbid("no owner would remain")
        elif a == "device_added":
            mine = [ref for ref in self.devices if ref[0] == actor]
            if ((actor, e["device_id"]) in self.devices or e["identity_key"] in self.admitted_keys()
                    or len(mine) >= MAX_DEVICES_PER_USER or len(self.devices) >= MAX_DEVICES):
                raise forbid("device or key already admitted, or too many devices")
            self.devices[(actor, e["device_id"])] = e["identity"]
        elif a == "device_removed":
            mine = [ref for ref in self.devices if ref[0] == actor]
            if (actor, e["device_id"]) not in self.devices or len(mine) == 1:
                raise forbid("not admitted, or the user's last device")
            del self.devices[(actor, e["device_id"])]


def verify_log(entries):
    """19.3: returns the membership after each entry (a list as long as entries)."""
    membership, after, prev = Membership(), [], bytes(32)
    for i, blob in enumerate(entries):
        e = log_entry(blob)
        e["raw"] = blob
        if e["seq"] != i or e["prev_hash"] != prev:
            raise Refused("LOG_BROKEN", "entry %d" % i)
        membership.apply(e, i)
        prev = hashlib.sha256(blob).digest()
        after.append((copy_of(membership), prev))
    return after


def copy_of(m):
    c = Membership()
    c.room_id, c.private, c.roles, c.devices = m.room_id, m.private, dict(m.roles), dict(m.devices)
    c.invited, c.banned = {u: (None if k is None else set(k)) for u, k in m.invited.items()}, set(m.banned)
    return c


# ---------------------------------------------------------------- rooms (19.5 to 19.7, section 11)

def kdf_ck(ck):
    return hmac.new(ck, b"\x01", hashlib.sha256).digest(), hmac.new(ck, b"\x02", hashlib.sha256).digest()


def room_key(mk):
    """19.5: HKDF-Expand(MK, "parley-e2ee v1 room message", 44), one block and a bit."""
    t1 = hmac.new(mk, ROOM_LABEL + b"\x01", hashlib.sha256).digest()
    t2 = hmac.new(mk, t1 + ROOM_LABEL + b"\x02", hashlib.sha256).digest()
    okm = (t1 + t2)[:44]
    return okm[:32], okm[32:]


def inner_message(blob):
    """Section 11."""
    if len(blob) > 16384:
        raise Refused("MALFORMED", "inner message length")
    r = Reader(blob)
    if r.u8() != 1:
        raise Refused("UNSUPPORTED_VERSION", "inner message")
    content_type, message_id, sent_at, body = r.u8(), r.take(16), r.u64(), r.vector(0, 16356, 2)
    r.end()
    if content_type not in (1, 2) or sent_at >= 1 << 63:
        raise Refused("MALFORMED", "content type or time")
    if content_type == 1:
        body.decode("utf-8")
    return content_type, message_id, sent_at, body


def envelope_head(room_id, user, device, epoch, iteration):
    return (b"\x01" + u8_vector(room_id.encode()) + u8_vector(user.encode())
            + struct.pack(">III", device, epoch, iteration))


def room_envelope(blob):
    """19.6: decode a RoomEnvelope."""
    if not 1 <= len(blob) <= 16609:
        raise Refused("MALFORMED", "room envelope length")
    r = Reader(blob)
    if r.u8() != 1:
        raise Refused("UNSUPPORTED_VERSION", "room envelope")
    env = dict(room_id=r.name(), user=r.name(), device=r.u32(), epoch=r.u32(), iteration=r.u32())
    env["head"] = blob[:r.pos]
    env["ciphertext"] = r.vector(16, 16400, 2)
    env["signature"] = r.take(64)
    r.end()
    if env["device"] == 0:
        raise Refused("MALFORMED", "sender device")
    return env


def distribution(blob):
    """19.7: decode a SenderKeyDistribution."""
    if len(blob) > 243:
        raise Refused("MALFORMED", "distribution length")
    r = Reader(blob)
    if r.u8() != 1:
        raise Refused("UNSUPPORTED_VERSION", "distribution")
    d = dict(room_id=r.name(), user=r.name(), device=r.u32(), epoch=r.u32(), iteration=r.u32(),
             chain_key=r.take(32), signing_key=r.take(32), log_size=r.u32(), log_head=r.take(32))
    r.end()
    if d["device"] == 0 or d["epoch"] < 1 or d["log_size"] < 1:
        raise Refused("MALFORMED", "device, epoch or log size")
    return d


def encode_distribution(room_id, user, device, epoch, iteration, chain_key, signing_key, log_size, log_head):
    return (envelope_head(room_id, user, device, epoch, iteration) + chain_key + signing_key
            + struct.pack(">I", log_size) + log_head)


class Chain:
    """A received sender chain: signing key, current chain key, next iteration, skipped keys."""

    def __init__(self, epoch, signing_key, chain_key, iteration):
        self.epoch, self.signing_key, self.chain_key, self.next = epoch, signing_key, chain_key, iteration
        self.skipped = {}


class Device:
    """One device's room state, as 19.5 to 19.8 describe it."""

    def __init__(self, ref, identity_blob, log_after, size):
        self.ref, self.identity, self.log_after = ref, identity_blob, log_after
        self.size = size                # entries of the log this device has verified
        self.epoch = 0
        self.chain_key = self.seed = None
        self.iteration = 0
        self.chains = {}                # (user, device) -> {epoch: Chain}
        self.given_to = set()           # devices holding this device's current chain
        self.rekey_due = False

    def membership(self):
        return self.log_after[self.size - 1][0]

    def head(self):
        return self.log_after[self.size - 1][1]

    def new_chain(self, random):
        assert len(random) == 64, "a new chain draws 64 bytes"
        self.epoch += 1
        self.chain_key, self.seed, self.iteration = random[:32], random[32:], 0

    def encrypt(self, inner):
        mk, next_ck = kdf_ck(self.chain_key)
        key, nonce = room_key(mk)
        m = self.membership()
        head = envelope_head(m.room_id, self.ref[0], self.ref[1], self.epoch, self.iteration)
        ciphertext = AESGCM(key).encrypt(nonce, inner, ROOM_LABEL + head)
        signed = head + u16_vector(ciphertext)
        signature = ed25519.Ed25519PrivateKey.from_private_bytes(self.seed).sign(ROOM_LABEL + signed)
        self.chain_key, self.iteration = next_ck, self.iteration + 1
        return signed + signature

    def accept(self, d, sender_identity):
        """19.7, the receiver's checks in order."""
        m = self.membership()
        if d["room_id"] != m.room_id:
            raise Refused("WRONG_ROOM")
        if self.ref not in m.devices:
            raise Refused("NOT_A_MEMBER", "own device")
        sender = (d["user"], d["device"])
        if sender not in m.devices:
            raise Refused("NOT_A_MEMBER", "sender")
        if m.devices[sender] != sender_identity:
            raise Refused("WRONG_IDENTITY")
        if d["log_size"] > self.size:
            raise Refused("LOG_BEHIND")
        if self.log_after[d["log_size"] - 1][1] != d["log_head"]:
            raise Refused("LOG_FORKED")
        held = self.chains.setdefault(sender, {})
        if held and d["epoch"] < max(held):
            raise Refused("STALE_CHAIN", "older epoch")
        if d["epoch"] in held:
            if held[d["epoch"]].signing_key != d["signing_key"]:
                raise Refused("STALE_CHAIN", "other signing key")
            return
        held[d["epoch"]] = Chain(d["epoch"], d["signing_key"], d["chain_key"], d["iteration"])
        for old in sorted(held)[:-2]:
            del held[old]

    def decrypt(self, blob):
        """19.6, receiving, in its order; the chain is replaced only on success."""
        env = room_envelope(blob)
        m = self.membership()
        if env["room_id"] != m.room_id:
            raise Refused("WRONG_ROOM")
        sender = (env["user"], env["device"])
        if sender not in m.devices:
            raise Refused("NOT_A_MEMBER")
        chain = self.chains.get(sender, {}).get(env["epoch"])
        if chain is None:
            raise Refused("UNKNOWN_CHAIN")
        verify(chain.signing_key, env["signature"], ROOM_LABEL + blob[:-64])
        i, skipped, ck, nxt = env["iteration"], dict(chain.skipped), chain.chain_key, chain.next
        if i < nxt:
            if i not in skipped:
                raise Refused("DUPLICATE_MESSAGE")
            mk = skipped.pop(i)
        else:
            if i == 0xFFFFFFFF or i - nxt > SKIP_WINDOW:
                raise Refused("OUT_OF_WINDOW")
            while nxt < i:
                skipped[nxt], ck = kdf_ck(ck)
                nxt += 1
            while len(skipped) > SKIP_WINDOW:
                del skipped[min(skipped)]
            mk, ck = kdf_ck(ck)
            nxt = i + 1
        key, nonce = room_key(mk)
        try:
            inner = AESGCM(key).decrypt(nonce, env["ciphertext"], ROOM_LABEL + env["head"])
        except Exception:
            raise Refused("AUTHENTICATION_FAILED")
        content_type, _, _, _ = inner_message(inner)
        if content_type != 1:
            raise Refused("MALFORMED", "a room message carries text")
        chain.skipped, chain.chain_key, chain.next = skipped, ck, nxt
        return env, inner


def device_ref(name):
    user, device = name.split("#")
    return user, int(device)


def check_device(entry):
    """Section 4 and 16: the 64 random bytes are the Ed25519 seed, then the X25519 scalar."""
    random, blob = bytes.fromhex(entry["random"]), bytes.fromhex(entry["identity"])
    assert len(random) == 64, entry["device"] + ": a device draws 64 bytes"
    identity(blob)
    suites = blob[65:-64]
    agreement = x25519.X25519PrivateKey.from_private_bytes(random[32:]).public_key().public_bytes_raw()
    unsigned = ed_public(random[:32]) + agreement + b"\x01" + suites
    signature = ed25519.Ed25519PrivateKey.from_private_bytes(random[:32]).sign(IDENTITY_LABEL + unsigned)
    assert unsigned + signature == blob, entry["device"] + ": identity differs from its random bytes"


def main(path):
    v = json.load(open(path))
    for d in v["devices"]:
        check_device(d)
    identities = {device_ref(d["device"]): bytes.fromhex(d["identity"]) for d in v["devices"]}
    entries = [bytes.fromhex(e["entry"]) for e in v["log"]]
    after = verify_log(entries)
    for i, e in enumerate(v["log"]):
        assert e["seq"] == i, "log entry %d is listed as seq %d" % (i, e["seq"])
        assert e["hash"] == after[i][1].hex(), "hash of entry %d differs" % i
        assert e["members_after"] == after[i][0].members(), "members after entry %d differ" % i
    for ref, blob in identities.items():
        admitted = [m.devices[ref] for m, _ in after if ref in m.devices]
        assert admitted and all(a == blob for a in admitted), "%s#%d: the log admits another identity" % ref

    # Each "log" step appends the next entry: the script starts one entry before the first such step.
    log_steps = [s["entries"] for s in v["script"] if s["step"] == "log"]
    size = log_steps[0] - 1 if log_steps else len(entries)
    devices = {ref: Device(ref, blob, after, size) for ref, blob in identities.items()}
    removed = set()                      # devices that keep their state from before a removal
    pending, deliveries, refusals = [], 0, []
    expected_to = []                     # recipients still due after the last new chain

    def deliver():
        nonlocal deliveries
        for ref, receiver in devices.items():
            # Out of order: every device reads the messages queued since the last step newest first.
            for step, blob in reversed(pending):
                if device_ref(step["from"]) == ref:
                    continue
                try:
                    env, inner = receiver.decrypt(blob)
                except Refused as refusal:
                    refusals.append((ref, step["text"], refusal.error))
                    continue
                assert inner.hex() == step["inner_message"], "%s#%d reads %r differently" % (ref + (step["text"],))
                assert inner_message(inner)[3].decode("utf-8") == step["text"]
                deliveries += 1
        pending.clear()

    for step in v["script"]:
        kind = step["step"]
        if kind != "message":
            deliver()
        if kind == "rekey":
            sender = devices[device_ref(step["device"])]
            assert not expected_to, "distributions missing for %s" % expected_to
            sender.new_chain(bytes.fromhex(step["random"]))
            sender.rekey_due, sender.given_to = False, set()
            expected_to = sorted(ref for ref in sender.membership().devices if ref != sender.ref)
        elif kind == "distribution":
            sender, to = devices[device_ref(step["from"])], device_ref(step["to"])
            assert expected_to and expected_to[0] == to, "distribution to %s#%d not due (19.8)" % to
            expected_to.pop(0)
            m = sender.membership()
            blob = encode_distribution(m.room_id, sender.ref[0], sender.ref[1], sender.epoch, sender.iteration,
                                       sender.chain_key, ed_public(sender.seed), sender.size, sender.head())
            assert step["distribution"] == blob.hex(), "distribution to %s#%d differs" % to
            content_type, _, _, body = inner_message(bytes.fromhex(step["inner_message"]))
            assert content_type == 2 and body == blob, "inner message of the distribution differs"
            devices[to].accept(distribution(blob), sender.identity)
            sender.given_to.add(to)
        elif kind == "message":
            sender = devices[device_ref(step["from"])]
            assert not expected_to, "a message before the distributions %s" % expected_to
            assert not sender.rekey_due, "a send without the rekey of 19.8"
            inner = bytes.fromhex(step["inner_message"])
            content_type, _, _, body = inner_message(inner)
            assert content_type == 1 and body.decode("utf-8") == step["text"], "inner message differs"
            blob = sender.encrypt(inner)
            assert step["envelope"] == blob.hex(), "envelope of %r differs" % step["text"]
            pending.append((step, blob))
        elif kind == "log":
            new_size = step["entries"]
            assert new_size == size + 1 <= len(entries), "a log step appends the next entry"
            before, now = after[size - 1][0].devices, after[new_size - 1][0].devices
            gone = set(before) - set(now)
            removed |= gone
            for ref, device in devices.items():
                if ref in removed:
                    continue             # a removed device keeps its state from before
                device.size = new_size
                for lost in gone:        # 19.8: receivers drop the removed devices' chains
                    device.chains.pop(lost, None)
                device.rekey_due |= bool(gone & device.given_to)
            size = new_size
        elif kind != "note":
            raise AssertionError("unknown step " + kind)
    deliver()
    # 19.8: only a device removed from the log is refused, and only for chains it was never given.
    assert refusals and all(ref in removed and error == "UNKNOWN_CHAIN" for ref, _, error in refusals), refusals
    assert any("UNKNOWN_CHAIN" in s.get("text", "") for s in v["script"] if s["step"] == "note")
    print("%s: %d devices, %d log entries (hashes, signatures, members), %d distributions, %d envelopes "
          "rebuilt; %d receipts opened out of order; %d refused as UNKNOWN_CHAIN" % (
              path, len(devices), len(entries), sum(s["step"] == "distribution" for s in v["script"]),
              sum(s["step"] == "message" for s in v["script"]), deliveries, len(refusals)))


if __name__ == "__main__":
    for argument in sys.argv[1:]:
        main(argument)
