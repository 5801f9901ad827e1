package org.parley.client.e2ee;

/** What changed about a device (in {@link E2eEvent.DeviceNotice}). */
public enum DeviceNoticeKind {
    /** A device this client had not seen for the user before. */
    ADDED,
    /** A device the user had is gone. */
    REMOVED,
    /** A known device id now presents a different identity key. */
    IDENTITY_CHANGED
}
