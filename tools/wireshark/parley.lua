-- Parley (密谈) dissector for Wireshark and tshark.
--
-- Decodes Parley's framing (docs/PROTOCOL.md 3.1), the two plaintext handshake messages field by
-- field (5.1, 5.3, 5.4), plaintext alerts (11) and the header of every encrypted record (10.2; the
-- content stays ciphertext: Wireshark has no Parley key log support, use `parley inspect --keylog`).
-- Frames are reassembled across TCP segments. Registered on TCP port 7443 (Parley's default);
-- for another port use "Decode As… → PARLEY", or set the port in the protocol preferences.
--
-- Install: copy this file to your personal Lua plugins folder (Help → About Wireshark → Folders →
-- "Personal Lua Plugins", usually ~/.local/lib/wireshark/plugins/) and restart Wireshark, or run
--   tshark -X lua_script:tools/wireshark/parley.lua -r capture.pcap -V
-- See docs/LAB.md, "The Wireshark dissector".

local parley = Proto("parley", "Parley secure chat")

local frame_types = { [0x15] = "alert", [0x16] = "handshake", [0x17] = "encrypted" }
local handshake_types = { [1] = "client_hello", [2] = "server_hello", [11] = "server_identity",
    [15] = "server_signature", [20] = "finished" }
local components = {
    [0x0011] = "X25519MLKEM768", [0x0001] = "X25519", [0x0002] = "X448", [0x0003] = "P256", [0x0004] = "P384",
    [0x0101] = "ED25519", [0x0111] = "MLDSA65", [0x0102] = "ED448", [0x0103] = "ECDSAP256", [0x0104] = "ECDSAP384",
    [0x0105] = "RSAPSS3072",
    [0x0202] = "AES256GCM", [0x0203] = "CHACHA20POLY1305", [0x0201] = "AES128GCM", [0x0211] = "AES256CTR+HMACSHA256",
    [0x0212] = "AES256CTR+HMACSHA512", [0x0213] = "AES256CTR+HMACSHA3-256",
    [0x0302] = "SHA384", [0x0301] = "SHA256", [0x0303] = "SHA512", [0x0304] = "SHA3-256",
}
local alerts = { [0] = "close_notify", [10] = "unexpected_message", [20] = "bad_record", [22] = "record_overflow",
    [40] = "handshake_failure", [42] = "untrusted_server_key", [47] = "illegal_parameter", [50] = "decode_error",
    [51] = "decrypt_error", [70] = "protocol_version", [80] = "internal_error", [90] = "limit_exceeded" }

local MAX_PAYLOAD = 16896

local f = {
    type = ProtoField.uint8("parley.type", "Frame type", base.HEX, frame_types),
    length = ProtoField.uint16("parley.length", "Payload length", base.DEC),
    hs_type = ProtoField.uint8("parley.hs.type", "Handshake type", base.DEC, handshake_types),
    hs_length = ProtoField.uint24("parley.hs.length", "Handshake body length", base.DEC),
    magic = ProtoField.string("parley.ch.magic", "Magic"),
    version = ProtoField.uint16("parley.version", "Version", base.DEC),
    random = ProtoField.bytes("parley.random", "Random"),
    list_count = ProtoField.uint8("parley.ch.count", "Count", base.DEC),
    kex = ProtoField.uint16("parley.kex", "Key exchange", base.HEX, components),
    sig = ProtoField.uint16("parley.sig", "Signature", base.HEX, components),
    cipher = ProtoField.uint16("parley.cipher", "Cipher", base.HEX, components),
    hash = ProtoField.uint16("parley.hash", "Hash", base.HEX, components),
    share_count = ProtoField.uint8("parley.ch.share_count", "Key share count", base.DEC),
    share_kex = ProtoField.uint16("parley.share.kex", "Key share: key exchange", base.HEX, components),
    share_length = ProtoField.uint16("parley.share.length", "Key share length", base.DEC),
    share = ProtoField.bytes("parley.share.data", "Key share (ephemeral public key)"),
    response_length = ProtoField.uint16("parley.sh.response_length", "Key exchange response length", base.DEC),
    response = ProtoField.bytes("parley.sh.response", "Key exchange response"),
    alert = ProtoField.uint8("parley.alert", "Alert", base.DEC, alerts),
    ciphertext = ProtoField.bytes("parley.ciphertext", "Ciphertext and tag (inner type hidden)"),
}
parley.fields = { f.type, f.length, f.hs_type, f.hs_length, f.magic, f.version, f.random, f.list_count, f.kex, f.sig,
    f.cipher, f.hash, f.share_count, f.share_kex, f.share_length, f.share, f.response_length, f.response, f.alert,
    f.ciphertext }

local e_malformed = ProtoExpert.new("parley.malformed", "Malformed Parley frame", expert.group.MALFORMED, expert.severity.ERROR)
parley.experts = { e_malformed }

parley.prefs.port = Pref.uint("TCP port", 7443, "The TCP port Parley is decoded on")

-- Adds `count` u16 codes from `at` under `tree` as `field`; returns the offset after the list.
local function code_list(buf, tree, at, name, field)
    local count = buf(at, 1):uint()
    local list = tree:add(parley, buf(at, 1 + 2 * count), name .. " (" .. count .. ")")
    list:add(f.list_count, buf(at, 1))
    for i = 0, count - 1 do
        list:add(field, buf(at + 1 + 2 * i, 2))
    end
    return at + 1 + 2 * count, count
end

local function client_hello(buf, tree, at)
    tree:add(f.magic, buf(at, 4))
    tree:add(f.version, buf(at + 4, 2))
    tree:add(f.random, buf(at + 6, 32))
    at = at + 38
    at = code_list(buf, tree, at, "Key exchanges", f.kex)
    at = code_list(buf, tree, at, "Signatures", f.sig)
    at = code_list(buf, tree, at, "Ciphers", f.cipher)
    at = code_list(buf, tree, at, "Hashes", f.hash)
    local shares = buf(at, 1):uint()
    tree:add(f.share_count, buf(at, 1))
    at = at + 1
    for _ = 1, shares do
        local length = buf(at + 2, 2):uint()
        local share = tree:add(parley, buf(at, 4 + length), "Key share")
        share:add(f.share_kex, buf(at, 2))
        share:add(f.share_length, buf(at + 2, 2))
        share:add(f.share, buf(at + 4, length))
        at = at + 4 + length
    end
end

local function server_hello(buf, tree, at)
    tree:add(f.version, buf(at, 2))
    tree:add(f.random, buf(at + 2, 32))
    tree:add(f.kex, buf(at + 34, 2))
    tree:add(f.sig, buf(at + 36, 2))
    tree:add(f.cipher, buf(at + 38, 2))
    tree:add(f.hash, buf(at + 40, 2))
    local length = buf(at + 42, 2):uint()
    tree:add(f.response_length, buf(at + 42, 2))
    tree:add(f.response, buf(at + 44, length))
end

local function dissect_frame(buf, pinfo, tree)
    local type = buf(0, 1):uint()
    local length = buf(1, 2):uint()
    local name = frame_types[type] or string.format("unknown 0x%02x", type)
    local subtree = tree:add(parley, buf(0, 3 + length), "Parley " .. name .. " frame, " .. length .. " bytes")
    subtree:add(f.type, buf(0, 1))
    subtree:add(f.length, buf(1, 2))
    local info
    if type == 0x16 and length >= 4 then
        local hs = buf(3, 1):uint()
        subtree:add(f.hs_type, buf(3, 1))
        subtree:add(f.hs_length, buf(4, 3))
        info = handshake_types[hs] or "handshake"
        local ok = pcall(function()
            if hs == 1 then client_hello(buf, subtree, 7) elseif hs == 2 then server_hello(buf, subtree, 7) end
        end)
        if not ok then subtree:add_proto_expert_info(e_malformed, "handshake message does not parse") end
        info = (hs == 1 and "ClientHello") or (hs == 2 and "ServerHello") or info
    elseif type == 0x15 and length == 1 then
        subtree:add(f.alert, buf(3, 1))
        info = "Alert " .. (alerts[buf(3, 1):uint()] or "unknown")
    elseif type == 0x17 then
        subtree:add(f.ciphertext, buf(3, length))
        info = "Encrypted record"
    else
        subtree:add_proto_expert_info(e_malformed, "unexpected frame type or length")
        info = "Malformed"
    end
    return info
end

local function frame_length(buf, pinfo, offset)
    return 3 + buf(offset + 1, 2):uint()
end

local function dissect_one(buf, pinfo, tree)
    pinfo.cols.protocol = "PARLEY"
    local info = dissect_frame(buf, pinfo, tree)
    local previous = tostring(pinfo.cols.info)
    if previous:find("Parley:", 1, true) then
        pinfo.cols.info:append(", " .. info)
    else
        pinfo.cols.info:set("Parley: " .. info)
    end
    return buf:len()
end

function parley.dissector(buf, pinfo, tree)
    local type = buf(0, 1):uint()
    if frame_types[type] == nil then
        return 0
    end
    if buf:len() >= 3 and buf(1, 2):uint() > MAX_PAYLOAD then
        return 0
    end
    dissect_tcp_pdus(buf, tree, 3, frame_length, dissect_one, true)
    return buf:len()
end

local registered_port = parley.prefs.port
DissectorTable.get("tcp.port"):add(registered_port, parley)

function parley.prefs_changed()
    if registered_port ~= parley.prefs.port then
        DissectorTable.get("tcp.port"):remove(registered_port, parley)
        registered_port = parley.prefs.port
        DissectorTable.get("tcp.port"):add(registered_port, parley)
    end
end
