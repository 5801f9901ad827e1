package org.parley.lab.net;

import org.parley.crypto.Bytes;

/**
 * The attacker's decision for each frame. Called on the proxy's thread of that direction; a tap
 * that keeps state across directions synchronises it.
 */
@FunctionalInterface
public interface FrameTap {
    /** Passes every frame unchanged: a passive eavesdropper. */
    FrameTap PASSIVE = (link, direction, index, frame) -> TapAction.FORWARD;

    /**
     * @param link the connection, through which the tap may also inject frames in either direction
     * @param index the frame's position within its connection and direction, from 0
     * @param frame the whole frame, header included
     */
    TapAction onFrame(Link link, Direction direction, int index, Bytes frame) throws java.io.IOException;
}
