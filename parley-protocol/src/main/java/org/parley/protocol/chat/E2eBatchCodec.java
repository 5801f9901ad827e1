package org.parley.protocol.chat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.parley.protocol.alert.Alert;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.chat.ChatEvent.BundleLists;
import org.parley.protocol.chat.ChatEvent.DeviceLists;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/**
 * Bodies of the batched directory reads (docs/PROTOCOL.md, Section 14.8): many users' device
 * lists or prekey bundles in one request and one answer. Request bodies follow the request id;
 * event bodies start with it.
 *
 * <pre>
 *   ListDevicesMany  (39) = request_id:u32 || count:u16 (1..100) || user&lt;1..64&gt;:vector8[count]
 *   FetchBundlesMany (40) = request_id:u32 || count:u16 (1..9) || user&lt;1..64&gt;:vector8[count]
 *                           (the same name twice, byte for byte, is decode_error)
 *   DeviceLists      (89) = request_id:u32 || count:u16 (0..100) || UserDevices[count]
 *   BundleLists      (90) = request_id:u32 || count:u16 (0..9) || UserBundles[count]
 *   UserDevices           = user&lt;1..64&gt;:vector8 || found:u8 (0|1)
 *                           || [count:u16 (0..10) || DeviceInfo[count], if found = 1]
 *   UserBundles           = user&lt;1..64&gt;:vector8 || found:u8 (0|1)
 *                           || [count:u16 (0..10) || PrekeyBundle[count], if found = 1]
 * </pre>
 */
final class E2eBatchCodec {
    private E2eBatchCodec() {
    }

    static void users(WireWriter out, List<String> users, int max) {
        if (users.isEmpty()) {
            throw new IllegalArgumentException("users must not be empty");
        }
        if (new HashSet<>(users).size() != users.size()) {
            throw new IllegalArgumentException("a user is named twice");
        }
        ChatFields.list(out, users, max, ChatFields::user);
    }

    static List<String> users(WireReader in, int max) throws WireFormatException {
        List<String> users = ChatFields.list(in, "users", max, ChatFields::user);
        if (users.isEmpty()) {
            throw new WireFormatException(Alert.DECODE_ERROR, "no users");
        }
        Set<String> seen = new HashSet<>();
        for (String user : users) {
            if (!seen.add(user)) {
                throw new WireFormatException(Alert.DECODE_ERROR, "a user named twice");
            }
        }
        return users;
    }

    static void deviceLists(WireWriter out, DeviceLists e) {
        out.u32(e.requestId());
        ChatFields.list(out, e.lists(), ChatLimits.MAX_USERS_PER_DEVICE_LISTS, (w, entry) -> {
            ChatFields.user(w, entry.user());
            ChatFields.optional(w, entry.devices(),
                    (v, devices) -> ChatFields.list(v, devices, ChatLimits.MAX_DEVICES, E2eFields::deviceInfo));
        });
    }

    static DeviceLists deviceLists(WireReader in) throws WireFormatException {
        return new DeviceLists(in.u32(), ChatFields.list(in, "device lists", ChatLimits.MAX_USERS_PER_DEVICE_LISTS,
                r -> new UserDevices(ChatFields.user(r), ChatFields.optional(r, "found",
                        v -> ChatFields.list(v, "devices", ChatLimits.MAX_DEVICES, E2eFields::deviceInfo)))));
    }

    static void bundleLists(WireWriter out, BundleLists e) {
        out.u32(e.requestId());
        ChatFields.list(out, e.lists(), ChatLimits.MAX_USERS_PER_BUNDLE_LISTS, (w, entry) -> {
            ChatFields.user(w, entry.user());
            ChatFields.optional(w, entry.bundles(),
                    (v, bundles) -> ChatFields.list(v, bundles, ChatLimits.MAX_DEVICES, E2eFields::bundle));
        });
    }

    static BundleLists bundleLists(WireReader in) throws WireFormatException {
        return new BundleLists(in.u32(), ChatFields.list(in, "bundle lists", ChatLimits.MAX_USERS_PER_BUNDLE_LISTS,
                r -> new UserBundles(ChatFields.user(r), ChatFields.optional(r, "found",
                        v -> ChatFields.list(v, "bundles", ChatLimits.MAX_DEVICES, E2eFields::bundle)))));
    }
}
