#!/usr/bin/env python3
"""Independent check of docs/test-vectors/CHAT_messages.json, written from docs/PROTOCOL.md
section 14 (with sections 1.3, 4.1 and 13 for the structures it borrows) alone.

Every message of sections 14.5, 14.6, 14.8 and 14.9 is described below as data, in the doc's
struct syntax translated field by field. For each valid vector the checker decodes the hex with
that description and compares the result with the vector's "fields", then encodes "fields" and
compares the bytes with the hex. For each invalid vector it checks that decoding fails with the
alert the vector states (the table of section 14.2). Finally it fails if a request or event code
of section 14.3 has no valid vector. Standard library only.

Readings of the doc this relies on: every `T items<a..b>` list (users, envelopes, records, ids,
devices, entries) has a uint16 count (14.2), while `opaque`/`utf8` vectors take the smallest
length prefix that holds their maximum (1.3: Identity<64..256> and PrekeyRecord<101..1253> a
uint16, salts and proofs a uint8); a Body's length is a uint24 for both content types (14.4); a
field behind `has_*`/`found` is present iff that byte is 1; the send id of the once-forms comes
right after the request id (14.5).

    python3 docs/test-vectors/check/check_chat.py docs/test-vectors/CHAT_messages.json
"""
import json
import sys

DECODE_ERROR, ILLEGAL_PARAMETER, RECORD_OVERFLOW = "decode_error", "illegal_parameter", "record_overflow"
ALERT_CODES = {DECODE_ERROR: 50, ILLEGAL_PARAMETER: 47, RECORD_OVERFLOW: 22}


class Refused(Exception):
    def __init__(self, alert, why):
        super().__init__(f"{alert}: {why}")
        self.alert = alert


# ---------------------------------------------------------------- field types (section 14.2)

def prefix_bytes(maximum):
    """Section 1.3: the smallest of 1, 2 or 3 bytes that can hold the maximum."""
    return 1 if maximum <= 0xFF else 2 if maximum <= 0xFFFF else 3


class Reader:
    def __init__(self, data):
        self.data, self.pos = data, 0

    def take(self, n):
        if self.pos + n > len(self.data):
            raise Refused(DECODE_ERROR, "truncated")
        value = self.data[self.pos:self.pos + n]
        self.pos += n
        return value

    def uint(self, n):
        return int.from_bytes(self.take(n), "big")


class UInt:
    """An unsigned integer of `size` bytes; values outside lo..hi are illegal_parameter."""

    def __init__(self, size, lo=0, hi=None):
        self.size, self.lo = size, lo
        self.hi = (1 << (8 * size)) - 1 if hi is None else hi

    def decode(self, r):
        value = r.uint(self.size)
        if not self.lo <= value <= self.hi:
            raise Refused(ILLEGAL_PARAMETER, f"{value} outside {self.lo}..{self.hi}")
        return value

    def encode(self, value):
        assert self.lo <= value <= self.hi, value
        return value.to_bytes(self.size, "big")


class Int64:
    def decode(self, r):
        return int.from_bytes(r.take(8), "big", signed=True)

    def encode(self, value):
        return value.to_bytes(8, "big", signed=True)


class Flag:
    """A uint8 that is 0 or 1 (encrypted, history, more); anything else is decode_error."""

    def decode(self, r):
        value = r.uint(1)
        if value > 1:
            raise Refused(DECODE_ERROR, f"flag {value}")
        return value == 1

    def encode(self, value):
        return bytes([1 if value else 0])


def read_length(r, lo, hi, size):
    n = r.uint(size)
    if n > hi:
        raise Refused(RECORD_OVERFLOW, f"length {n} above {hi}")
    if n < lo:
        raise Refused(DECODE_ERROR, f"length {n} below {lo}")
    return n


class Opaque:
    """opaque x<lo..hi>, shown as hex; `size` overrides the prefix where the doc says so."""

    def __init__(self, lo, hi, size=None):
        self.lo, self.hi, self.size = lo, hi, size or prefix_bytes(hi)

    def decode(self, r):
        return r.take(read_length(r, self.lo, self.hi, self.size)).hex()

    def encode(self, value):
        data = bytes.fromhex(value)
        assert self.lo <= len(data) <= self.hi
        return len(data).to_bytes(self.size, "big") + data


class Fixed:
    """opaque x[n], shown as hex."""

    def __init__(self, n, nonzero=False):
        self.n, self.nonzero = n, nonzero

    def decode(self, r):
        data = r.take(self.n)
        if self.nonzero and data == bytes(self.n):
            raise Refused(ILLEGAL_PARAMETER, "all zeros")
        return data.hex()

    def encode(self, value):
        data = bytes.fromhex(value)
        assert len(data) == self.n
        return data


class Utf8:
    """utf8 x<lo..hi>: strictly valid UTF-8 (Python's decoder refuses overlong forms, surrogates
    and code points above U+10FFFF); invalid is decode_error except in a text body."""

    def __init__(self, lo, hi, size=None, invalid=DECODE_ERROR):
        self.lo, self.hi, self.size = lo, hi, size or prefix_bytes(hi)
        self.invalid = invalid

    def decode(self, r):
        data = r.take(read_length(r, self.lo, self.hi, self.size))
        try:
            return data.decode("utf-8", errors="strict")
        except UnicodeDecodeError:
            raise Refused(self.invalid, "invalid UTF-8") from None

    def encode(self, value):
        data = value.encode("utf-8")
        assert self.lo <= len(data) <= self.hi
        return len(data).to_bytes(self.size, "big") + data


class Enum:
    """A code of `size` bytes shown by its name; an unknown code is illegal_parameter."""

    def __init__(self, names, size=1):
        self.names, self.size = names, size
        self.codes = {name: code for code, name in names.items()}

    def decode(self, r):
        code = r.uint(self.size)
        if code not in self.names:
            raise Refused(ILLEGAL_PARAMETER, f"unknown code {code}")
        return self.names[code]

    def encode(self, value):
        return self.codes[value].to_bytes(self.size, "big")


class Items:
    """T items<lo..hi>: a uint16 count, then that many T (section 14.2); `distinct` refuses the
    same value twice (decode_error, once the whole list is read)."""

    def __init__(self, element, lo, hi, distinct=False):
        self.element, self.lo, self.hi, self.distinct = element, lo, hi, distinct

    def decode(self, r):
        n = read_length(r, self.lo, self.hi, 2)
        values = [self.element.decode(r) for _ in range(n)]
        if self.distinct and len(set(values)) != len(values):
            raise Refused(DECODE_ERROR, "the same value twice")
        return values

    def encode(self, values):
        assert self.lo <= len(values) <= self.hi
        return len(values).to_bytes(2, "big") + b"".join(self.element.encode(v) for v in values)


class Optional:
    """uint8 has_x (0 or 1, else decode_error), then x if 1; shown as null when absent."""

    def __init__(self, element):
        self.element = element

    def decode(self, r):
        present = Flag().decode(r)
        return self.element.decode(r) if present else None

    def encode(self, value):
        return b"\x00" if value is None else b"\x01" + self.element.encode(value)


class Struct:
    def __init__(self, *fields):
        self.fields = fields

    def decode(self, r):
        return {name: kind.decode(r) for name, kind in self.fields}

    def encode(self, value):
        assert list(value) == [name for name, _ in self.fields], (list(value), self.fields)
        return b"".join(kind.encode(value[name]) for name, kind in self.fields)


class Body:
    """Section 14.4: content type, then a uint24 length; text is 0..16,384 bytes of valid UTF-8
    (invalid: illegal_parameter), opaque 0..65,536 bytes. Shown as {content_type, body}, the body
    a string for text and hex for opaque."""

    TYPES = Enum({1: "text", 2: "opaque"})
    TEXT = Utf8(0, 16384, size=3, invalid=ILLEGAL_PARAMETER)
    OPAQUE = Opaque(0, 65536, size=3)

    def decode(self, r):
        content_type = self.TYPES.decode(r)
        body = (self.TEXT if content_type == "text" else self.OPAQUE).decode(r)
        return {"content_type": content_type, "body": body}

    def encode(self, value):
        kind = self.TEXT if value["content_type"] == "text" else self.OPAQUE
        return self.TYPES.encode(value["content_type"]) + kind.encode(value["body"])


class Conversation:
    """uint8 tag (1 room, 2 peer; other tags illegal_parameter), shown as {"room": ..} or {"peer": ..}."""

    def decode(self, r):
        tag = r.uint(1)
        if tag == 1:
            return {"room": ROOM_NAME.decode(r)}
        if tag == 2:
            return {"peer": USER_NAME.decode(r)}
        raise Refused(ILLEGAL_PARAMETER, f"conversation tag {tag}")

    def encode(self, value):
        if "room" in value:
            return b"\x01" + ROOM_NAME.encode(value["room"])
        return b"\x02" + USER_NAME.encode(value["peer"])


# ---------------------------------------------------------------- common fields (14.4, 14.8, 13)

ROOM_NAME = Utf8(1, 64)
USER_NAME = Utf8(1, 64)
ROOM_OR_GLOBAL = Utf8(0, 64)
TEXT512 = Utf8(0, 512)
TEXT1024 = Utf8(0, 1024)
REQUEST_ID = UInt(4)
MESSAGE_ID = UInt(8, 0, 2**63 - 1)
COUNT = UInt(4, 0, 2**31 - 1)
SEND_ID = Fixed(16, nonzero=True)
LOG_ENTRY = Opaque(1, 1024)
VISIBILITY = Enum({1: "public", 2: "private"})
ROLE = Enum({0: "none", 1: "member", 2: "op", 3: "owner"})
PRESENCE_CHANGE = Enum({1: "joined", 2: "left", 3: "online", 4: "offline", 5: "kicked", 6: "banned"})
ERROR_CODE = Enum({code: name for code, name in enumerate((
    "malformed_request", "no_such_room", "no_such_user", "not_a_member", "not_permitted",
    "banned", "room_exists", "invalid_name", "message_too_large", "rate_limited",
    "invite_required", "weak_verifier", "server_busy", "internal", "device_required",
    "no_such_device", "bad_signature", "limit_reached", "log_conflict", "log_rejected",
    "encrypted_room", "wrong_password"), start=1)})
SCRAM_MECHANISM = Enum({1: "scram_sha_256", 2: "scram_sha_512"})
SIGNATURE_ALGORITHM = Enum({0x0101: "ED25519", 0x0111: "MLDSA65", 0x0102: "ED448",
                            0x0103: "ECDSAP256", 0x0104: "ECDSAP384", 0x0105: "RSAPSS3072"}, size=2)
PUBLIC_KEY = Opaque(1, 2048)
ITERATIONS = UInt(4, 1, 10_000_000)
SCRAM_VERIFIER = Struct(("mechanism", SCRAM_MECHANISM), ("salt", Opaque(1, 64)),
                        ("iterations", ITERATIONS), ("stored_key", Opaque(1, 64)),
                        ("server_key", Opaque(1, 64)))
STORED_MESSAGE = Struct(("id", MESSAGE_ID), ("timestamp_ms", Int64()), ("from", USER_NAME),
                        ("body", Body()))
ROOM_INFO = Struct(("name", ROOM_NAME), ("topic", TEXT512), ("visibility", VISIBILITY),
                   ("encrypted", Flag()), ("member_count", COUNT), ("online_count", COUNT))
MEMBER_INFO = Struct(("user", USER_NAME), ("role", ROLE), ("sessions", COUNT))

DEVICE_ID = UInt(4, 1)
ENVELOPE_ID = UInt(8, 1, 2**63 - 1)
IDENTITY = Opaque(64, 256)
DEVICE_NAME = Utf8(1, 64)
PREKEY_RECORD = Opaque(101, 1253)
PROOF = Fixed(64)
ENVELOPE = Opaque(1, 20480)
DEVICE_CHANGE = Enum({1: "added", 2: "removed"})
DEVICE_INFO = Struct(("device_id", DEVICE_ID), ("identity", IDENTITY), ("name", DEVICE_NAME),
                     ("added_at_ms", Int64()), ("last_seen_ms", Int64()))
PREKEY_BUNDLE = Struct(("device_id", DEVICE_ID), ("identity", IDENTITY),
                       ("signed_prekey", PREKEY_RECORD), ("one_time_prekey", Optional(PREKEY_RECORD)),
                       ("kem_prekey", PREKEY_RECORD))
ENVELOPE_TARGET = Struct(("user", USER_NAME), ("device_id", DEVICE_ID), ("envelope", ENVELOPE))
QUEUED_ENVELOPE = Struct(("id", ENVELOPE_ID), ("from", USER_NAME), ("from_device", DEVICE_ID),
                         ("timestamp_ms", Int64()), ("envelope", ENVELOPE))
USER_DEVICES = Struct(("user", USER_NAME), ("devices", Optional(Items(DEVICE_INFO, 0, 10))))
USER_BUNDLES = Struct(("user", USER_NAME), ("bundles", Optional(Items(PREKEY_BUNDLE, 0, 10))))
LOGIN_KEY = Struct(("algorithm", SIGNATURE_ALGORITHM), ("public_key", PUBLIC_KEY))


def message(*fields):
    return Struct(*fields)


RID = ("request_id", REQUEST_ID)

# ---------------------------------------------------------------- requests (14.5, 14.8, 14.9)

REQUESTS = {
    1: ("join_room", message(RID, ("room", ROOM_NAME))),
    2: ("leave_room", message(RID, ("room", ROOM_NAME))),
    3: ("create_room", message(RID, ("room", ROOM_NAME), ("visibility", VISIBILITY))),
    4: ("list_rooms", message(RID)),
    5: ("list_members", message(RID, ("room", Optional(ROOM_NAME)))),
    6: ("set_topic", message(RID, ("room", ROOM_NAME), ("topic", TEXT512))),
    7: ("invite", message(RID, ("room", ROOM_NAME), ("user", USER_NAME))),
    8: ("kick", message(RID, ("room", ROOM_NAME), ("user", USER_NAME), ("reason", TEXT512))),
    9: ("ban", message(RID, ("room", ROOM_NAME), ("user", USER_NAME),
                       ("duration_seconds", UInt(4)), ("reason", TEXT512))),
    10: ("unban", message(RID, ("room", ROOM_NAME), ("user", USER_NAME))),
    11: ("set_role", message(RID, ("room", ROOM_NAME), ("user", USER_NAME), ("role", ROLE))),
    12: ("send_room_message", message(RID, ("room", ROOM_NAME), ("body", Body()))),
    13: ("send_private_message", message(RID, ("to_user", USER_NAME), ("body", Body()))),
    14: ("fetch_history", message(RID, ("conversation", Conversation()), ("before_id", MESSAGE_ID),
                                  ("limit", UInt(2, 1, 200)))),
    15: ("change_password", message(RID, ("current_proof", Opaque(32, 64)),
                                    ("new_verifier", SCRAM_VERIFIER))),
    16: ("add_login_key", message(RID, ("algorithm", SIGNATURE_ALGORITHM), ("public_key", PUBLIC_KEY))),
    17: ("remove_login_key", message(RID, ("algorithm", SIGNATURE_ALGORITHM), ("public_key", PUBLIC_KEY))),
    18: ("ping", message(RID)),
    19: ("add_device", message(RID, ("identity", IDENTITY), ("name", DEVICE_NAME),
                               ("signed_prekey", PREKEY_RECORD), ("last_resort", PREKEY_RECORD),
                               ("proof", PROOF))),
    20: ("bind_device", message(RID, ("device_id", DEVICE_ID), ("proof", PROOF))),
    21: ("list_devices", message(RID, ("user", USER_NAME))),
    22: ("remove_device", message(RID, ("device_id", DEVICE_ID))),
    23: ("upload_prekeys", message(RID, ("signed_prekey", Optional(PREKEY_RECORD)),
                                   ("one_time_x25519", Items(PREKEY_RECORD, 0, 100)),
                                   ("one_time_kem", Items(PREKEY_RECORD, 0, 40)),
                                   ("last_resort", Optional(PREKEY_RECORD)))),
    24: ("count_prekeys", message(RID)),
    25: ("fetch_bundles", message(RID, ("user", USER_NAME))),
    26: ("send_envelopes", message(RID, ("peer", USER_NAME), ("envelopes", Items(ENVELOPE_TARGET, 1, 19)))),
    27: ("fetch_envelopes", message(RID, ("after_id", UInt(8, 0, 2**63 - 1)))),
    28: ("ack_envelopes", message(RID, ("ids", Items(ENVELOPE_ID, 1, 200)))),
    29: ("uninvite", message(RID, ("room", ROOM_NAME), ("user", USER_NAME))),
    30: ("list_login_keys", message(RID)),
    31: ("create_encrypted_room", message(RID, ("room", ROOM_NAME), ("visibility", VISIBILITY),
                                          ("genesis", LOG_ENTRY))),
    32: ("append_room_log", message(RID, ("room", ROOM_NAME), ("entry", LOG_ENTRY))),
    33: ("fetch_room_log", message(RID, ("room", ROOM_NAME), ("from_seq", UInt(4)))),
    34: ("send_room_keys", message(RID, ("room", ROOM_NAME), ("envelopes", Items(ENVELOPE_TARGET, 1, 200)))),
    35: ("get_password_params", message(RID)),
    36: ("set_delivery_options", message(RID, ("flags", UInt(1, 0, 1)))),
    37: ("send_room_message_once", message(RID, ("send_id", SEND_ID), ("room", ROOM_NAME), ("body", Body()))),
    38: ("send_envelopes_once", message(RID, ("send_id", SEND_ID), ("peer", USER_NAME),
                                        ("envelopes", Items(ENVELOPE_TARGET, 1, 19)))),
    39: ("list_devices_many", message(RID, ("users", Items(USER_NAME, 1, 100, distinct=True)))),
    40: ("fetch_bundles_many", message(RID, ("users", Items(USER_NAME, 1, 9, distinct=True)))),
}

# ---------------------------------------------------------------- events (14.6, 14.8, 14.9)

QUEUED = Items(QUEUED_ENVELOPE, 0, 100)
EVENTS = {
    65: ("accepted", message(RID, ("message_id", MESSAGE_ID))),
    66: ("rejected", message(RID, ("code", ERROR_CODE), ("detail", TEXT1024))),
    67: ("joined_room", message(RID, ("room", ROOM_INFO), ("members", Items(MEMBER_INFO, 0, 1000)))),
    68: ("room_list", message(RID, ("rooms", Items(ROOM_INFO, 0, 1000)))),
    69: ("member_list", message(RID, ("room", ROOM_OR_GLOBAL), ("members", Items(MEMBER_INFO, 0, 1000)))),
    70: ("history_page", message(RID, ("conversation", Conversation()),
                                 ("messages", Items(STORED_MESSAGE, 0, 200)), ("more", Flag()))),
    71: ("room_message", message(("room", ROOM_NAME), ("message", STORED_MESSAGE), ("history", Flag()))),
    72: ("private_message", message(("to", USER_NAME), ("message", STORED_MESSAGE), ("history", Flag()))),
    73: ("presence", message(("room", ROOM_OR_GLOBAL), ("user", USER_NAME), ("change", PRESENCE_CHANGE),
                             ("online_count", COUNT))),
    74: ("topic_changed", message(("room", ROOM_NAME), ("topic", TEXT512), ("by", USER_NAME))),
    75: ("invited", message(("room", ROOM_NAME), ("by", USER_NAME))),
    76: ("removed_from_room", message(("room", ROOM_NAME), ("by", USER_NAME), ("how", PRESENCE_CHANGE),
                                      ("reason", TEXT512))),
    77: ("notice", message(("text", TEXT1024))),
    78: ("device_list", message(RID, ("user", USER_NAME), ("devices", Items(DEVICE_INFO, 0, 10)))),
    79: ("prekey_counts", message(RID, ("one_time_x25519", COUNT), ("one_time_kem", COUNT))),
    80: ("bundle_list", message(RID, ("user", USER_NAME), ("bundles", Items(PREKEY_BUNDLE, 0, 10)))),
    81: ("device_mismatch", message(RID, ("peer", USER_NAME), ("peer_devices", Items(DEVICE_ID, 0, 10)),
                                    ("own_devices", Items(DEVICE_ID, 0, 10)))),
    82: ("envelope_batch", message(("envelopes", QUEUED), ("more", Flag()))),
    83: ("device_changed", message(("user", USER_NAME), ("device_id", DEVICE_ID), ("change", DEVICE_CHANGE))),
    84: ("envelope_page", message(RID, ("envelopes", QUEUED), ("more", Flag()))),
    85: ("login_key_list", message(RID, ("keys", Items(LOGIN_KEY, 0, 16)))),
    86: ("room_log_page", message(RID, ("room", ROOM_NAME), ("from_seq", UInt(4)),
                                  ("entries", Items(LOG_ENTRY, 0, 200)), ("more", Flag()))),
    87: ("room_log_appended", message(("room", ROOM_NAME), ("seq", UInt(4)), ("entry", LOG_ENTRY))),
    88: ("password_params", message(RID, ("mechanism", SCRAM_MECHANISM), ("salt", Opaque(1, 64)),
                                    ("iterations", ITERATIONS))),
    89: ("device_lists", message(RID, ("lists", Items(USER_DEVICES, 0, 100)))),
    90: ("bundle_lists", message(RID, ("lists", Items(USER_BUNDLES, 0, 9)))),
}

TABLES = {"request": REQUESTS, "event": EVENTS}


def decode(direction, data):
    """One chat message (section 14.3): the type byte, then its body filling the rest."""
    r = Reader(data)
    code = r.uint(1)
    if code not in TABLES[direction]:
        raise Refused(DECODE_ERROR, f"unknown {direction} type {code}")
    name, layout = TABLES[direction][code]
    fields = layout.decode(r)
    if r.pos != len(data):
        raise Refused(DECODE_ERROR, f"{len(data) - r.pos} trailing bytes")
    return code, name, fields


def encode(direction, code, fields):
    return bytes([code]) + TABLES[direction][code][1].encode(fields)


def main(paths):
    failures, valid, invalid = 0, 0, 0
    seen = {direction: set() for direction in TABLES}
    for path in paths:
        with open(path, encoding="utf-8") as f:
            doc = json.load(f)
        for v in doc["valid"]:
            label = f"{v['direction']} {v['type']} ({v['vector']})"
            try:
                data = bytes.fromhex(v["hex"])
                code, name, fields = decode(v["direction"], data)
                assert code == v["code"], f"code {code}, the vector says {v['code']}"
                assert name == v["type"], f"type {name}, the vector says {v['type']}"
                assert fields == v["fields"], f"decoded {fields}\n  vector  {v['fields']}"
                again = encode(v["direction"], v["code"], v["fields"])
                assert again == data, f"encoded {again.hex()}\n  vector  {v['hex']}"
                seen[v["direction"]].add(code)
                valid += 1
            except (AssertionError, Refused, KeyError, ValueError) as e:
                failures += 1
                print(f"FAIL {label}: {type(e).__name__}: {e}")
        for v in doc["invalid"]:
            label = f"invalid {v['direction']} ({v['vector']})"
            try:
                decode(v["direction"], bytes.fromhex(v["hex"]))
                failures += 1
                print(f"FAIL {label}: decoded, should be {v['alert']}")
            except Refused as e:
                if e.alert != v["alert"] or ALERT_CODES[e.alert] != v["alert_code"]:
                    failures += 1
                    print(f"FAIL {label}: {e}, the vector says {v['alert']}({v['alert_code']})")
                else:
                    invalid += 1
    for direction, table in TABLES.items():
        for code in sorted(set(table) - seen[direction]):
            failures += 1
            print(f"FAIL no valid vector for {direction} {table[code][0]}({code})")
    print(f"{valid} valid and {invalid} invalid vectors checked, {failures} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or ["docs/test-vectors/CHAT_messages.json"]))
