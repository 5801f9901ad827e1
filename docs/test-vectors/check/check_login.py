#!/usr/bin/env python3
"""Independent check of docs/test-vectors/LOGIN_messages.json, written from docs/PROTOCOL.md
section 13 and the password change of 14.5 alone (with sections 1.3, 4.1, 7, 9.5 and 14.3 and the
RFCs they cite: RFC 5802, RFC 7677, RFC 8032, RFC 4648, RFC 6979, FIPS 204).

For every SCRAM login it normalises the user name and password (13.3), writes the four SCRAM texts
of 13.4 from the inputs (nonces, salt, iterations, channel binding), recomputes SaltedPassword,
ClientKey, StoredKey, ServerKey, AuthMessage, ClientSignature, ClientProof and ServerSignature
(RFC 5802 section 3), frames every auth message (13.2, 13.4, 13.7) and compares all of it byte for
byte; it then runs both sides' checks of 13.4 on the messages. For every public-key login (13.5)
it derives the public key from the private key, builds the signed content, verifies the
signature (and re-signs it where the algorithm is deterministic: Ed25519, and ECDSA P-256 with
RFC 6979 and low s, section 7.3) and frames PublicKeyLogin and AuthSucceeded. For every
registration (13.6) it derives the verifier from the password and frames Register. For every
password change (14.5) it derives the current and new verifiers, the transcript and the proof,
frames the four chat messages and decides the change as the server does. Every invalid
vector is replayed against the side that must refuse it, which must refuse it for the stated
reason. Needs Python 3 with the 'cryptography' package (48 or later for ML-DSA-65). Run from the
repository root:

    python3 docs/test-vectors/check/check_login.py docs/test-vectors/LOGIN_messages.json

Prints one line per group and a summary ("... 0 failures"); exits non-zero if any check fails.
"""
import base64
import hashlib
import hmac
import json
import sys
import unicodedata

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec, ed448, ed25519, mldsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature, encode_dss_signature

# 13.2: auth message types.
TYPES = {"scram_client_first": 1, "scram_server_first": 2, "scram_client_final": 3, "scram_server_final": 4,
         "public_key_login": 5, "register": 6, "auth_succeeded": 7, "auth_failed": 8}
CLIENT_TYPES = {1, 3, 5, 6}
# 13.3: mechanisms (code, hash, hash length, minimum = default iterations of 13.4) and methods.
MECHANISMS = {"scram_sha_256": (1, "sha256", 32, 600_000), "scram_sha_512": (2, "sha512", 64, 210_000)}
METHODS = {"scram_sha_256": 1, "scram_sha_512": 2, "public_key": 3, "registration": 4}
MAX_ITERATIONS = 10_000_000
# 13.7
FAILURES = {"invalid_credentials": 1, "channel_binding_required": 2, "unsupported_method": 3,
            "malformed_message": 4, "unexpected_message": 5, "registration_rejected": 6}
REJECTIONS = {"username_invalid": 1, "username_taken": 2, "invite_required": 3, "invite_invalid": 4,
              "verifier_invalid": 5, "registration_closed": 6}
# 4.1 signature codes; 13.5 allows three of them for login; 7: key and signature lengths.
SIGNATURES = {"ED25519": 0x0101, "MLDSA65": 0x0111, "ED448": 0x0102, "ECDSAP256": 0x0103,
              "ECDSAP384": 0x0104, "RSAPSS3072": 0x0105}
LOGIN_ALGORITHMS = {"ED25519", "ECDSAP256", "MLDSA65"}
SIG_LENGTHS = {"ED25519": (32, 64), "ECDSAP256": (65, 64), "MLDSA65": (1952, 3309)}
GS2_HEADER = "p=parley-exporter,,"
LOGIN_CONTEXT = b"Parley v1 user login"
P256_N = 0xFFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551


class Refused(Exception):
    """A side of the exchange refuses; `reason` is the vector file's name for the outcome."""

    def __init__(self, reason, detail="", why=None):
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        # The server's own reason where 13.4 / 13.5 tell refusals with one wire code apart.
        self.why = why or {"malformed_message": "malformed", "channel_binding_required": "gs2_flag_rejected",
                           "unsupported_method": "unsupported_algorithm"}.get(reason)


# ---------------------------------------------------------------- 13.3: names and passwords

def valid_username(name):
    """UserName<1..64>: NFC, no control, format, surrogate, unassigned, line or paragraph separator."""
    data = name.encode("utf-8")
    return (1 <= len(data) <= 64 and unicodedata.normalize("NFC", name) == name
            and all(unicodedata.category(ch) not in ("Cc", "Cf", "Cs", "Cn", "Zl", "Zp") for ch in name))


def canonical(name):
    return unicodedata.normalize("NFKC", name).lower()


def password_bytes(password):
    data = unicodedata.normalize("NFC", password).encode("utf-8")  # strict: a lone surrogate raises
    assert 1 <= len(data) <= 1024, "password length"
    return data


# ---------------------------------------------------------------- 13.2 framing (1.3 vectors)

def vec(data, size):
    return len(data).to_bytes(size, "big") + data


def frame(type_name, body):
    return bytes([TYPES[type_name]]) + body


def scram_message(type_name, text, mechanism=None):
    body = vec(text.encode("utf-8"), 2)
    if mechanism is not None:
        body = bytes([MECHANISMS[mechanism][0]]) + body
    return frame(type_name, body)


def auth_succeeded(name, method):
    return frame("auth_succeeded", vec(name.encode("utf-8"), 1) + bytes([METHODS[method]]))


def auth_failed(code, reason=None):
    body = bytes([FAILURES[code]])
    if code == "registration_rejected":
        body += bytes([REJECTIONS[reason]])
    return frame("auth_failed", body)


def public_key_login(name, algorithm, public_key, signature):
    return frame("public_key_login", vec(name.encode("utf-8"), 1) + SIGNATURES[algorithm].to_bytes(2, "big")
                 + vec(public_key, 2) + vec(signature, 2))


def register(name, mechanism, salt, iterations, stored_key, server_key, invite):
    body = (vec(name.encode("utf-8"), 1) + bytes([MECHANISMS[mechanism][0]]) + vec(salt, 1)
            + iterations.to_bytes(4, "big") + vec(stored_key, 1) + vec(server_key, 1))
    body += b"\x00" if invite is None else b"\x01" + vec(invite.encode("utf-8"), 1)
    return frame("register", body)


class Reader:
    def __init__(self, data):
        self.data, self.at = data, 0

    def take(self, n):
        if self.at + n > len(self.data):
            raise Refused("decode_error", "truncated")
        out = self.data[self.at:self.at + n]
        self.at += n
        return out

    def uint(self, size):
        return int.from_bytes(self.take(size), "big")

    def vector(self, lo, hi, size):
        n = self.uint(size)
        if n > hi:
            raise Refused("record_overflow", f"length {n} above {hi}")
        if n < lo:
            raise Refused("decode_error", f"length {n} below {lo}")
        return self.take(n)

    def utf8(self, lo, hi, size):
        try:
            return self.vector(lo, hi, size).decode("utf-8")
        except UnicodeDecodeError as e:
            raise Refused("decode_error", "invalid UTF-8") from e

    def end(self):
        if self.at != len(self.data):
            raise Refused("decode_error", "trailing bytes")


def decode_text(data, type_name):
    """Returns the SCRAM text of a ScramClientFirst/ServerFirst/ClientFinal/ServerFinal (and the
    mechanism for ScramClientFirst), refusing anything else about the framing."""
    r = Reader(data)
    if r.uint(1) != TYPES[type_name]:
        raise Refused("unexpected_message", f"not {type_name}")
    mechanism = None
    if type_name == "scram_client_first":
        code = r.uint(1)
        mechanism = next((m for m, v in MECHANISMS.items() if v[0] == code), None)
        if mechanism is None:
            raise Refused("illegal_parameter", f"mechanism {code}")
    text = r.utf8(1, 512, 2)
    r.end()
    return text, mechanism


# ---------------------------------------------------------------- 13.4: SCRAM

def b64(data):
    return base64.b64encode(data).decode("ascii")


def unb64(text):
    """Padded canonical base64 only (RFC 4648 section 4); any other spelling is malformed."""
    try:
        data = base64.b64decode(text.encode("ascii"), validate=True)
    except (ValueError, UnicodeEncodeError) as e:
        raise Refused("malformed_message", "base64") from e
    if b64(data) != text:
        raise Refused("malformed_message", "non-canonical base64")
    return data


def saslname(name):
    return name.replace("=", "=3D").replace(",", "=2C")


def unsaslname(text):
    out, i = [], 0
    while i < len(text):
        if text[i] == ",":
            raise Refused("malformed_message", "bare ',' in saslname")
        if text[i] == "=":
            if text[i:i + 3] == "=3D":
                out.append("=")
            elif text[i:i + 3] == "=2C":
                out.append(",")
            else:
                raise Refused("malformed_message", "bad '=' escape")
            i += 3
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


def valid_nonce(nonce):
    return all(0x21 <= ord(c) <= 0x7E and c != "," for c in nonce)


_PBKDF2 = {}


def salted_password(mechanism, password, salt, iterations):
    _, hash_name, length, _ = MECHANISMS[mechanism]
    key = (hash_name, password, salt, iterations)
    if key not in _PBKDF2:  # memoised: the mutation runs recompute the same inputs many times
        _PBKDF2[key] = hashlib.pbkdf2_hmac(hash_name, password_bytes(password), salt, iterations, length)
    return _PBKDF2[key]


def mac(mechanism, key, data):
    return hmac.new(key, data, MECHANISMS[mechanism][1]).digest()


def h(mechanism, data):
    return hashlib.new(MECHANISMS[mechanism][1], data).digest()


def xor(a, b):
    return bytes(x ^ y for x, y in zip(a, b))


def verifier(mechanism, password, salt, iterations):
    sp = salted_password(mechanism, password, salt, iterations)
    client_key = mac(mechanism, sp, b"Client Key")
    return {"salted_password": sp, "client_key": client_key, "stored_key": h(mechanism, client_key),
            "server_key": mac(mechanism, sp, b"Server Key")}


def client_first_text(name, c_nonce):
    return f"{GS2_HEADER}n={saslname(name)},r={c_nonce}"


def server_first_text(combined_nonce, salt, iterations):
    return f"r={combined_nonce},s={b64(salt)},i={iterations}"


def client_final_without_proof(channel_binding, combined_nonce):
    return f"c={b64(GS2_HEADER.encode('ascii') + channel_binding)},r={combined_nonce}"


def auth_message(first_text, server_first, final_without_proof):
    bare = first_text[len(GS2_HEADER):] if first_text.startswith(GS2_HEADER) else first_text.split(",", 2)[2]
    return f"{bare},{server_first},{final_without_proof}"


def client_reads_server_first(mechanism, c_nonce, text):
    """The client's checks of 13.4 on a server-first text; returns (combined nonce, salt, iterations)."""
    parts = text.split(",")
    if len(parts) != 3 or not parts[0].startswith("r=") or not parts[1].startswith("s=") \
            or not parts[2].startswith("i="):
        raise Refused("malformed_message", "server-first attributes")
    combined = parts[0][2:]
    # A combined nonce with a character outside 0x21..0x7E (or a ',') is a nonce mismatch too.
    if len(combined) > 128 or not valid_nonce(combined) or not combined.startswith(c_nonce) \
            or len(combined) <= len(c_nonce):
        raise Refused("nonce_mismatch", combined)
    salt = unb64(parts[1][2:])
    if not 1 <= len(salt) <= 64:
        raise Refused("malformed_message", "salt length")
    digits = parts[2][2:]
    if not digits.isascii() or not digits.isdigit() or len(digits) > 10 or (len(digits) > 1 and digits[0] == "0"):
        raise Refused("malformed_message", "iteration syntax")
    iterations = int(digits)
    if iterations > MAX_ITERATIONS:
        raise Refused("malformed_message", f"iterations {iterations} above {MAX_ITERATIONS}")
    if iterations < MECHANISMS[mechanism][3]:
        raise Refused("iterations_too_low", str(iterations))
    return combined, salt, iterations


def server_reads_client_first(text):
    """The server's checks of 13.4 on a client-first text; returns (user name, c-nonce)."""
    if text.count(",") < 2:
        raise Refused("malformed_message", "no gs2 header")
    flag, authzid, bare = text.split(",", 2)
    if authzid != "":
        raise Refused("malformed_message", "authorization identity")
    if flag in ("n", "y") or (flag.startswith("p=") and flag != "p=parley-exporter"):
        raise Refused("channel_binding_required", flag)
    if flag != "p=parley-exporter":
        raise Refused("malformed_message", f"gs2 flag {flag}")
    parts = bare.split(",")
    if len(parts) != 2 or not parts[0].startswith("n=") or not parts[1].startswith("r="):
        raise Refused("malformed_message", "client-first attributes")
    name = unsaslname(parts[0][2:])
    if not valid_username(name):
        raise Refused("malformed_message", "user name")
    c_nonce = parts[1][2:]
    if not 1 <= len(c_nonce) <= 64 or not valid_nonce(c_nonce):
        raise Refused("malformed_message", "c-nonce")
    return name, c_nonce


def server_reads_client_final(mechanism, text, channel_binding, combined, stored_key):
    """The server's final-step checks of 13.4; returns the ClientProof."""
    parts = text.split(",")
    if len(parts) != 3 or not parts[0].startswith("c=") or not parts[1].startswith("r=") \
            or not parts[2].startswith("p="):
        raise Refused("malformed_message", "client-final attributes")
    cbind = unb64(parts[0][2:])
    proof = unb64(parts[2][2:])
    if len(proof) != MECHANISMS[mechanism][2]:
        raise Refused("malformed_message", "proof length")
    if not hmac.compare_digest(cbind, GS2_HEADER.encode("ascii") + channel_binding):
        raise Refused("invalid_credentials", "channel binding", "channel_binding_mismatch")
    if parts[1][2:] != combined:
        raise Refused("invalid_credentials", "nonce", "nonce_mismatch")
    return proof


def server_verifies_proof(mechanism, stored_key, auth_msg, proof):
    signature = mac(mechanism, stored_key, auth_msg.encode("utf-8"))
    if not hmac.compare_digest(h(mechanism, xor(proof, signature)), stored_key):
        raise Refused("invalid_credentials", "proof", "wrong_password")


# ---------------------------------------------------------------- 13.5: public-key login

def signed_content(name, algorithm, public_key, channel_binding):
    assert len(channel_binding) == 32
    return (LOGIN_CONTEXT + b"\x00" + vec(name.encode("utf-8"), 1) + SIGNATURES[algorithm].to_bytes(2, "big")
            + vec(public_key, 2) + channel_binding)


def public_key_of(algorithm, private_key):
    if algorithm == "ED25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()
    if algorithm == "ECDSAP256":
        key = ec.derive_private_key(int.from_bytes(private_key, "big"), ec.SECP256R1())
        n = key.public_key().public_numbers()
        return b"\x04" + n.x.to_bytes(32, "big") + n.y.to_bytes(32, "big")
    if algorithm == "MLDSA65":
        return mldsa.MLDSA65PrivateKey.from_seed_bytes(private_key).public_key().public_bytes_raw()
    if algorithm == "ED448":  # not a login algorithm; an invalid vector offers it (7.2: 57-byte seed)
        return ed448.Ed448PrivateKey.from_private_bytes(private_key).public_key().public_bytes_raw()
    raise AssertionError(algorithm)


def sign_deterministic(algorithm, private_key, content):
    """Ed25519, Ed448 and RFC 6979 ECDSA with low s (7.3) re-sign to the same bytes; ML-DSA-65 is hedged."""
    if algorithm == "ED25519":
        return ed25519.Ed25519PrivateKey.from_private_bytes(private_key).sign(content)
    if algorithm == "ED448":
        return ed448.Ed448PrivateKey.from_private_bytes(private_key).sign(content)
    if algorithm == "ECDSAP256":
        key = ec.derive_private_key(int.from_bytes(private_key, "big"), ec.SECP256R1())
        r, s = decode_dss_signature(key.sign(content, ec.ECDSA(hashes.SHA256(), deterministic_signing=True)))
        if s > P256_N // 2:
            s = P256_N - s
        return r.to_bytes(32, "big") + s.to_bytes(32, "big")
    return None


def verify(algorithm, public_key, signature, content):
    key_length, sig_length = SIG_LENGTHS[algorithm]
    if len(public_key) != key_length or len(signature) != sig_length:
        raise Refused("invalid_credentials", "key or signature length", "bad_signature")
    try:
        if algorithm == "ED25519":
            ed25519.Ed25519PublicKey.from_public_bytes(public_key).verify(signature, content)
        elif algorithm == "ECDSAP256":
            r, s = int.from_bytes(signature[:32], "big"), int.from_bytes(signature[32:], "big")
            if not (1 <= r < P256_N and 1 <= s < P256_N):
                raise Refused("invalid_credentials", "r or s out of range", "bad_signature")
            ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), public_key).verify(
                encode_dss_signature(r, s), content, ec.ECDSA(hashes.SHA256()))
        else:
            mldsa.MLDSA65PublicKey.from_public_bytes(public_key).verify(signature, content, b"")
    except (InvalidSignature, ValueError) as e:
        raise Refused("invalid_credentials", "signature", "bad_signature") from e


def server_reads_public_key_login(data, channel_binding):
    """Decodes a PublicKeyLogin and runs the server's checks of 13.5 up to the key look-up."""
    r = Reader(data)
    if r.uint(1) != TYPES["public_key_login"]:
        raise Refused("unexpected_message")
    name = r.utf8(1, 64, 1)
    if not valid_username(name):
        raise Refused("illegal_parameter", "user name")
    code = r.uint(2)
    algorithm = next((a for a, c in SIGNATURES.items() if c == code), None)
    if algorithm is None:
        raise Refused("illegal_parameter", f"signature code {code:#06x}")
    public_key = r.vector(1, 2048, 2)
    signature = r.vector(1, 4096, 2)
    r.end()
    if algorithm not in LOGIN_ALGORITHMS:  # checked first, before the user is looked up
        raise Refused("unsupported_method", algorithm)
    verify(algorithm, public_key, signature, signed_content(name, algorithm, public_key, channel_binding))
    return name, algorithm, public_key, signature


# ---------------------------------------------------------------- 13.6: registration

def server_reads_register(data, password):
    """Decodes a Register (13.6) and applies the server's verifier rules; the verifier must be the
    one `password` gives for its salt and iterations (what an honest client would send)."""
    r = Reader(data)
    if r.uint(1) != TYPES["register"]:
        raise Refused("unexpected_message")
    name = r.utf8(1, 64, 1)
    if not valid_username(name):
        raise Refused("illegal_parameter", "user name")
    code = r.uint(1)
    mechanism = next((m for m, c in MECHANISMS.items() if c[0] == code), None)
    if mechanism is None:
        raise Refused("illegal_parameter", f"mechanism {code}")
    salt = r.vector(1, 64, 1)
    iterations = r.uint(4)
    if not 1 <= iterations <= MAX_ITERATIONS:
        raise Refused("illegal_parameter", f"iterations {iterations}")
    stored_key, server_key = r.vector(1, 64, 1), r.vector(1, 64, 1)
    has_invite = r.uint(1)
    if has_invite > 1:
        raise Refused("decode_error", "has_invite")
    if has_invite:
        r.utf8(1, 64, 1)
    r.end()
    keys = verifier(mechanism, password, salt, iterations)
    expect("stored_key from the password", stored_key, keys["stored_key"])
    expect("server_key from the password", server_key, keys["server_key"])
    _, _, length, minimum = MECHANISMS[mechanism]
    if not (minimum <= iterations <= MAX_ITERATIONS and 16 <= len(salt) <= 64
            and len(stored_key) == length and len(server_key) == length):
        refused = Refused("registration_rejected", "verifier_invalid")
        refused.rejection = "verifier_invalid"  # 13.6
        raise refused
    return name


# ---------------------------------------------------------------- 14.5: password change

CHAT_CODES = {"get_password_params": 35, "change_password": 15, "password_params": 88, "accepted": 65,
              "rejected": 66}
CHAT_CLIENT = {"get_password_params", "change_password"}
ERRORS = {"wrong_password": 22, "weak_verifier": 12}
CHANGE_CONTEXT = b"parley change-password v1"


def scram_verifier(mechanism, salt, iterations, stored_key, server_key):
    """ScramVerifier of 13.6."""
    return (bytes([MECHANISMS[mechanism][0]]) + vec(salt, 1) + iterations.to_bytes(4, "big")
            + vec(stored_key, 1) + vec(server_key, 1))


def change_transcript(channel_binding, new_verifier):
    return CHANGE_CONTEXT + channel_binding + new_verifier


def change_password(request_id, proof, new_verifier):
    return bytes([CHAT_CODES["change_password"]]) + request_id.to_bytes(4, "big") + vec(proof, 1) + new_verifier


def server_checks_change(data, mechanism, stored_key, channel_binding):
    """The server's steps 2 and 3 of 14.5 on a ChangePassword (step 1, the throttle, is not a byte matter)."""
    r = Reader(data)
    expect("ChangePassword type", r.uint(1), CHAT_CODES["change_password"])
    r.uint(4)
    proof = r.vector(32, 64, 1)
    start = r.at
    new_mechanism = MECHANISMS_BY_CODE[r.uint(1)]
    salt = r.vector(1, 64, 1)
    iterations = r.uint(4)
    new_stored, new_server = r.vector(1, 64, 1), r.vector(1, 64, 1)
    r.end()
    new_verifier = data[start:]
    if len(proof) != MECHANISMS[mechanism][2]:
        raise Refused("wrong_password", "proof length")
    signature = mac(mechanism, stored_key, change_transcript(channel_binding, new_verifier))
    if not hmac.compare_digest(h(mechanism, xor(proof, signature)), stored_key):
        raise Refused("wrong_password", "proof")
    _, _, length, minimum = MECHANISMS[new_mechanism]
    if not (minimum <= iterations <= MAX_ITERATIONS and 16 <= len(salt) <= 64
            and len(new_stored) == length and len(new_server) == length):
        raise Refused("weak_verifier")


MECHANISMS_BY_CODE = {v[0]: m for m, v in MECHANISMS.items()}


def rejected(request_id, code, detail):
    return (bytes([CHAT_CODES["rejected"]]) + request_id.to_bytes(4, "big") + bytes([ERRORS[code]])
            + vec(detail.encode("utf-8"), 2))


def check_password_change(v):
    """A whole change of 14.5: GetPasswordParams, PasswordParams, ChangePassword, and the answer."""
    mechanism, salt, iterations = v["mechanism"], unhex(v, "salt"), v["iterations"]
    current = verifier(mechanism, v["current_password"], salt, iterations)
    for field in ("salted_password", "client_key", "stored_key"):
        expect(field, current[field], unhex(v, field))
    n = v["new_verifier"]
    new = verifier(n["mechanism"], v["new_password"], unhex(n, "salt"), n["iterations"])
    expect("new stored_key", new["stored_key"], unhex(n, "stored_key"))
    expect("new server_key", new["server_key"], unhex(n, "server_key"))
    encoded = scram_verifier(n["mechanism"], unhex(n, "salt"), n["iterations"], new["stored_key"], new["server_key"])
    expect("new_verifier encoding", encoded, unhex(v, "new_verifier_encoded"))
    # The client proves the password it was given, on the connection it signs for.
    proving = verifier(mechanism, v.get("proving_password", v["current_password"]), salt, iterations)
    transcript = change_transcript(unhex(v, "proof_channel_binding"), encoded)
    expect("transcript", transcript, unhex(v, "transcript"))
    proof = xor(proving["client_key"], mac(mechanism, proving["stored_key"], transcript))
    expect("current_proof", proof, unhex(v, "current_proof"))
    get_id, change_id = v["request_ids"]
    change = change_password(change_id, proof, encoded)
    try:
        server_checks_change(change, mechanism, current["stored_key"], unhex(v, "channel_binding"))
        outcome, answer = "accepted", bytes([CHAT_CODES["accepted"]]) + change_id.to_bytes(4, "big") + bytes(8)
    except Refused as refused:
        outcome, answer = refused.reason, rejected(change_id, refused.reason, v["rejected_detail"])
    expect("outcome", outcome, v["outcome"])
    built = [("client", "get_password_params", bytes([CHAT_CODES["get_password_params"]]) + get_id.to_bytes(4, "big")),
             ("server", "password_params", bytes([CHAT_CODES["password_params"]]) + get_id.to_bytes(4, "big")
              + bytes([MECHANISMS[mechanism][0]]) + vec(salt, 1) + iterations.to_bytes(4, "big")),
             ("client", "change_password", change),
             ("server", "accepted" if outcome == "accepted" else "rejected", answer)]
    listed = v["messages"]
    expect("number of messages", len(listed), len(built))
    for i, (m, (side, type_name, data)) in enumerate(zip(listed, built)):
        expect(f"message {i} from", m["from"], side)
        expect(f"message {i} type", m["type"], type_name)
        expect(f"message {i} ({type_name}) hex", bytes.fromhex(m["hex"]), data)
        expect(f"message {i} direction", type_name in CHAT_CLIENT, side == "client")


# ---------------------------------------------------------------- the vectors

def unhex(v, field):
    return bytes.fromhex(v[field])


def expect(what, actual, expected):
    if actual != expected:
        a = actual.hex() if isinstance(actual, bytes) else actual
        e = expected.hex() if isinstance(expected, bytes) else expected
        raise AssertionError(f"{what}: recomputed {a!r}, file has {e!r}")


def expect_messages(v, built):
    """`built` is a list of (from, type, bytes); the file's `messages` must be exactly these."""
    listed = v["messages"]
    expect("number of messages", len(listed), len(built))
    for i, (m, (side, type_name, data)) in enumerate(zip(listed, built)):
        expect(f"message {i} from", m["from"], side)
        expect(f"message {i} type", m["type"], type_name)
        expect(f"message {i} ({type_name}) hex", bytes.fromhex(m["hex"]), data)
        expect(f"message {i} direction", TYPES[type_name] in CLIENT_TYPES, side == "client")
        if "text" in m:
            expect(f"message {i} text", decode_text(data, type_name)[0], m["text"])


def check_scram(v):
    mechanism = v["mechanism"]
    name = unicodedata.normalize("NFC", v["username"])
    expect("NFC user name is a valid UserName", valid_username(name), True)
    expect("username_nfc", name, v["username_nfc"])
    salt, iterations, cb = unhex(v, "salt"), v["iterations"], unhex(v, "channel_binding")
    c_nonce, s_nonce = v["client_nonce"], v["server_nonce"]
    for nonce in (c_nonce, s_nonce):  # 13.4: 24 CSPRNG bytes, base64 (32 characters)
        expect(f"nonce {nonce} is base64 of 24 bytes", len(unb64(nonce)), 24)
    keys = verifier(mechanism, v["password"], salt, iterations)
    for field in ("salted_password", "client_key", "stored_key", "server_key"):
        expect(field, keys[field], unhex(v, field))
    first = client_first_text(name, c_nonce)
    server_first = server_first_text(c_nonce + s_nonce, salt, iterations)
    final_wo = client_final_without_proof(cb, c_nonce + s_nonce)
    am = auth_message(first, server_first, final_wo)
    expect("auth_message", am, v["auth_message"])
    client_signature = mac(mechanism, keys["stored_key"], am.encode("utf-8"))
    proof = xor(keys["client_key"], client_signature)
    server_signature = mac(mechanism, keys["server_key"], am.encode("utf-8"))
    expect("client_signature", client_signature, unhex(v, "client_signature"))
    expect("client_proof", proof, unhex(v, "client_proof"))
    expect("server_signature", server_signature, unhex(v, "server_signature"))
    final = f"{final_wo},p={b64(proof)}"
    server_final = f"v={b64(server_signature)}"
    expect_messages(v, [
        ("client", "scram_client_first", scram_message("scram_client_first", first, mechanism)),
        ("server", "scram_server_first", scram_message("scram_server_first", server_first)),
        ("client", "scram_client_final", scram_message("scram_client_final", final)),
        ("server", "scram_server_final", scram_message("scram_server_final", server_final)),
        ("server", "auth_succeeded", auth_succeeded(v["account_name"], mechanism))])
    # Both sides' checks pass on these messages, and the server's answer names the client's account.
    expect("server reads client-first", server_reads_client_first(first), (name, c_nonce))
    expect("client reads server-first", client_reads_server_first(mechanism, c_nonce, server_first),
           (c_nonce + s_nonce, salt, iterations))
    server_verifies_proof(mechanism, keys["stored_key"], am,
                          server_reads_client_final(mechanism, final, cb, c_nonce + s_nonce, keys["stored_key"]))
    expect("AuthSucceeded names the account typed", canonical(v["account_name"]), canonical(name))
    expect("account name is a valid UserName", valid_username(v["account_name"]), True)


def check_public_key(v):
    algorithm, name = v["algorithm"], v["username"]
    expect("algorithm_code", SIGNATURES[algorithm], v["algorithm_code"])
    expect("algorithm allowed for login", algorithm in LOGIN_ALGORITHMS, True)
    private_key, public_key, cb = unhex(v, "private_key"), unhex(v, "public_key"), unhex(v, "channel_binding")
    expect("public_key from private_key", public_key_of(algorithm, private_key), public_key)
    content = signed_content(name, algorithm, public_key, cb)
    expect("signed_content", content, unhex(v, "signed_content"))
    signature = unhex(v, "signature")
    resigned = sign_deterministic(algorithm, private_key, content)
    if resigned is not None:
        expect("signature re-signed", resigned, signature)
    message = public_key_login(name, algorithm, public_key, signature)
    expect_messages(v, [("client", "public_key_login", message),
                        ("server", "auth_succeeded", auth_succeeded(v["account_name"], "public_key"))])
    server_reads_public_key_login(message, cb)
    expect("AuthSucceeded names the account typed", canonical(v["account_name"]), canonical(name))
    return resigned is not None


def check_registration(v):
    mechanism, name = v["mechanism"], v["username"]
    expect("user name is a valid UserName", valid_username(name), True)
    salt, iterations = unhex(v, "salt"), v["iterations"]
    keys = verifier(mechanism, v["password"], salt, iterations)
    for field in ("salted_password", "stored_key", "server_key"):
        expect(field, keys[field], unhex(v, field))
    message = register(name, mechanism, salt, iterations, keys["stored_key"], keys["server_key"], v["invite_code"])
    expect_messages(v, [("client", "register", message),
                        ("server", "auth_succeeded", auth_succeeded(name, "registration"))])
    expect("the server accepts the verifier", server_reads_register(message, v["password"]), name)
    # 13.6: a client uses a 16-byte salt and the mechanism's default (= minimum, 13.4) count.
    expect("registration salt length", len(salt), 16)
    expect("registration iterations", iterations, MECHANISMS[mechanism][3])


def check_listed(v, msgs):
    """Each listed message's type, direction and text agree with its hex."""
    for i, (m, data) in enumerate(zip(v["messages"], msgs)):
        expect(f"message {i} type byte", data[:1], bytes([TYPES[m["type"]]]))
        expect(f"message {i} from", m["from"], "client" if TYPES[m["type"]] in CLIENT_TYPES else "server")
        if m["type"].startswith("scram_"):
            expect(f"message {i} text", decode_text(data, m["type"])[0], m["text"])


def honest_client_first(v, gs2_header=GS2_HEADER):
    text = f"{gs2_header}n={saslname(v['username'])},r={v['client_nonce']}"
    return scram_message("scram_client_first", text, v["mechanism"]), text


def replay_invalid(v):
    """Rebuilds an invalid vector's messages from its inputs (so that every byte is accounted
    for) and replays them against the side that must refuse them; returns the Refused."""
    case, msgs = v["case"], [bytes.fromhex(m["hex"]) for m in v["messages"]]
    check_listed(v, msgs)
    mechanism = v.get("mechanism")
    expected_count = {"server_reads_client_first": 1, "client_reads_server_first": 2, "server_reads_client_final": 3,
                      "client_reads_server_final": 4, "server_reads_public_key_login": 1, "server_reads_register": 1}
    expect("number of messages", len(msgs), expected_count[case])
    try:
        if case == "server_reads_client_first":
            message, text = honest_client_first(v, v["gs2_header"])
            expect("client-first with the vector's gs2 header", msgs[0], message)
            server_reads_client_first(text)
        elif case == "client_reads_server_first":
            expect("client-first", msgs[0], honest_client_first(v)[0])
            text = f"r={v['server_first_nonce']},s={v['server_first_salt']},i={v['server_first_iterations']}"
            expect("server-first", msgs[1], scram_message("scram_server_first", text))
            client_reads_server_first(mechanism, v["client_nonce"], text)
        elif case == "server_reads_client_final" and "server_secret" in v:
            # No account: the server answers with the fake salt of 13.4 and the default count.
            message, first = honest_client_first(v)
            expect("client-first", msgs[0], message)
            name, c_nonce = server_reads_client_first(first)
            salt, iterations = fake_salt(v, name), MECHANISMS[mechanism][3]
            expect("fake salt", salt, unhex(v, "salt"))
            expect("default iterations", iterations, v["iterations"])
            server_first = server_first_text(c_nonce + v["server_nonce"], salt, iterations)
            expect("server-first", msgs[1], scram_message("scram_server_first", server_first))
            final = client_final(v, v["client_password"], unhex(v, "channel_binding"), first, server_first)
            expect("client-final from the client's inputs", msgs[2], scram_message("scram_client_final", final))
            server_reads_client_final(mechanism, final, unhex(v, "channel_binding"), c_nonce + v["server_nonce"], None)
            raise Refused("invalid_credentials", "no such user", "unknown_user")
        elif case == "server_reads_client_final":
            # The server holds the verifier of `password` and its own channel binding; the client
            # made its final message with `client_password` and `client_channel_binding`.
            salt, iterations = unhex(v, "salt"), v["iterations"]
            keys = verifier(mechanism, v["password"], salt, iterations)
            expect("the server's stored_key", keys["stored_key"], unhex(v, "stored_key"))
            expect("the server's server_key", keys["server_key"], unhex(v, "server_key"))
            message, first = honest_client_first(v)
            expect("client-first", msgs[0], message)
            name, c_nonce = server_reads_client_first(first)
            server_first = server_first_text(c_nonce + v["server_nonce"], salt, iterations)
            expect("server-first", msgs[1], scram_message("scram_server_first", server_first))
            final = client_final(v, v["client_password"], unhex(v, "client_channel_binding"), first, server_first)
            expect("client-final from the client's inputs", msgs[2], scram_message("scram_client_final", final))
            proof = server_reads_client_final(mechanism, final, unhex(v, "channel_binding"),
                                              c_nonce + v["server_nonce"], keys["stored_key"])
            server_verifies_proof(mechanism, keys["stored_key"],
                                  auth_message(first, server_first, final.rsplit(",p=", 1)[0]), proof)
        elif case == "client_reads_server_final":
            # A server that holds StoredKey but signs with `server_key_used`, not the password's ServerKey.
            salt, iterations = unhex(v, "salt"), v["iterations"]
            keys = verifier(mechanism, v["password"], salt, iterations)
            message, first = honest_client_first(v)
            expect("client-first", msgs[0], message)
            server_first = server_first_text(v["client_nonce"] + v["server_nonce"], salt, iterations)
            expect("server-first", msgs[1], scram_message("scram_server_first", server_first))
            final = client_final(v, v["password"], unhex(v, "channel_binding"), first, server_first)
            expect("client-final", msgs[2], scram_message("scram_client_final", final))
            am = auth_message(first, server_first, final.rsplit(",p=", 1)[0])
            forged = mac(mechanism, unhex(v, "server_key_used"), am.encode("utf-8"))
            expect("server-final", msgs[3], scram_message("scram_server_final", f"v={b64(forged)}"))
            client_reads_server_first(mechanism, v["client_nonce"], server_first)
            if not hmac.compare_digest(forged, mac(mechanism, keys["server_key"], am.encode("utf-8"))):
                raise Refused("server_signature_invalid")
        elif case == "server_reads_public_key_login":
            algorithm, private_key = v["algorithm"], unhex(v, "private_key")
            public_key = public_key_of(algorithm, private_key)
            content = signed_content(v["signed_username"], algorithm, public_key, unhex(v, "signed_channel_binding"))
            signature = sign_deterministic(algorithm, private_key, content)
            expect("PublicKeyLogin from its inputs", msgs[0],
                   public_key_login(v["username"], algorithm, public_key, signature))
            server_reads_public_key_login(msgs[0], unhex(v, "channel_binding"))
        elif case == "server_reads_register":
            salt, iterations = unhex(v, "salt"), v["iterations"]
            keys = verifier(mechanism, v["password"], salt, iterations)
            expect("Register from its inputs", msgs[0], register(v["username"], mechanism, salt, iterations,
                                                                 keys["stored_key"], keys["server_key"], v["invite_code"]))
            server_reads_register(msgs[0], v["password"])
        else:
            raise AssertionError(f"unknown case {case}")
    except Refused as refused:
        if v["refused_by"] == "client" and refused.reason == "malformed_message":
            return Refused("malformed_server_message", str(refused))
        return refused
    raise AssertionError("accepted, but the vector says it is refused")


def fake_salt(v, name):
    """13.4: first 16 bytes of HMAC-SHA256(server_secret, "parley fake salt" || u8 mechanism || canonical(name))."""
    data = b"parley fake salt" + bytes([MECHANISMS[v["mechanism"]][0]]) + canonical(name).encode("utf-8")
    return hmac.new(unhex(v, "server_secret"), data, "sha256").digest()[:16]


def client_final(v, password, channel_binding, first, server_first):
    """The client-final an honest client sends with `password` on a connection bound to `channel_binding`."""
    mechanism = v["mechanism"]
    keys = verifier(mechanism, password, unhex(v, "salt"), v["iterations"])
    final_wo = client_final_without_proof(channel_binding, v["client_nonce"] + v["server_nonce"])
    am = auth_message(first, server_first, final_wo)
    proof = xor(keys["client_key"], mac(mechanism, keys["stored_key"], am.encode("utf-8")))
    return f"{final_wo},p={b64(proof)}"


def check_invalid(v):
    expect("refused_by names the side of the case", v["refused_by"], v["case"].split("_", 1)[0])
    refused = replay_invalid(v)
    expect(f"refusal ({refused})", refused.reason, v["outcome"])
    expect("rejection", getattr(refused, "rejection", None), v.get("rejection"))
    answer = v.get("server_answer")
    if v["refused_by"] == "server":
        expect("server_answer", bytes.fromhex(answer), auth_failed(v["outcome"], v.get("rejection")))
        if refused.reason != "registration_rejected":
            expect("the server's reason", refused.why, v["detail"])
    else:
        expect("the client refuses without an answer", answer, None)


BINDING_FIELDS = {"channel_binding": ("this",), "client_channel_binding": ("this", "other"),
                  "signed_channel_binding": ("this", "other"), "proof_channel_binding": ("this", "other")}


def check_connections(path, data):
    """The channel bindings are those of two handshake vectors (16.1), read from their files where
    they are present next to this one, and every binding in a vector is one of them ("channel_binding",
    the connection a login runs on, always "this")."""
    connections, failures = data["connections"], []
    directory = path.rsplit("/", 1)[0] if "/" in path else "."
    for key in ("this", "other"):
        c = connections[key]
        try:
            with open(f"{directory}/{c['handshake_vector']}", encoding="utf-8") as f:
                published = json.load(f)["channel_binding"]
            if published != c["channel_binding"]:
                failures.append(f"connections.{key}: not the channel_binding of {c['handshake_vector']}")
        except FileNotFoundError:
            print(f"{path}: note: {c['handshake_vector']} not found, its channel binding not compared")
        if len(bytes.fromhex(c["channel_binding"])) != 32:
            failures.append(f"connections.{key}: not 32 bytes")
    for group in ("scram", "public_key", "password_change", "invalid"):
        for v in data[group]:
            for field, allowed in BINDING_FIELDS.items():
                if field in v and v[field] not in [connections[a]["channel_binding"] for a in allowed]:
                    failures.append(f"{group} '{v['vector']}': {field} is not the binding of {' or '.join(allowed)}")
    return failures


def check_file(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    failures, counts, resigned = check_connections(path, data), {}, 0
    groups = [("scram", check_scram), ("public_key", check_public_key), ("registration", check_registration),
              ("password_change", check_password_change), ("invalid", check_invalid)]
    for group, check in groups:
        vectors = data[group]
        counts[group] = len(vectors)
        if not vectors:
            failures.append(f"{group}: no vectors")
        for v in vectors:
            try:
                if check(v) is True:
                    resigned += 1
            except (AssertionError, Refused, KeyError, ValueError, TypeError) as e:
                failures.append(f"{group} '{v.get('vector')}': {type(e).__name__}: {e}")
    algorithms = {v["algorithm"] for v in data["public_key"]}
    if algorithms != LOGIN_ALGORITHMS:
        failures.append(f"public_key: vectors for {sorted(algorithms)}, 13.5 allows {sorted(LOGIN_ALGORITHMS)}")
    mechanisms = {v["mechanism"] for v in data["scram"]}
    if mechanisms != set(MECHANISMS):
        failures.append(f"scram: vectors for {sorted(mechanisms)}, 13.3 defines {sorted(MECHANISMS)}")
    return failures, counts, resigned


def main(paths):
    if not paths:
        print(__doc__)
        return 2
    total = 0
    for path in paths:
        failures, counts, resigned = check_file(path)
        for failure in failures:
            print(f"{path}: FAIL {failure}")
        total += len(failures)
        print(f"{path}: {counts['scram']} SCRAM logins, {counts['public_key']} public-key logins "
              f"({resigned} re-signed), {counts['registration']} registrations, {counts['password_change']} password "
              f"changes and {counts['invalid']} "
              f"invalid exchanges checked, {len(failures)} failures")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
