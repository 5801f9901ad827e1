package org.parley.e2ee.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.parley.e2ee.device.DeviceIdentity;

/**
 * Who receives this device's sender keys: exactly the member devices the verified membership log
 * admits, other than this device, with the identity the log admits for each (the pairwise session
 * used must belong to that identity). Nothing the server says outside the log adds a recipient.
 */
public final class DistributionPolicy {

    private DistributionPolicy() {
    }

    /** The admitted devices other than {@code self}, in the log's order (user, then device id). */
    public static List<Map.Entry<DeviceRef, DeviceIdentity>> recipients(VerifiedLog log, DeviceRef self) {
        List<Map.Entry<DeviceRef, DeviceIdentity>> out = new ArrayList<>();
        for (Map.Entry<DeviceRef, DeviceIdentity> entry : log.membership().devices().entrySet()) {
            if (!entry.getKey().equals(self)) {
                out.add(Map.entry(entry.getKey(), entry.getValue()));
            }
        }
        return out;
    }
}
