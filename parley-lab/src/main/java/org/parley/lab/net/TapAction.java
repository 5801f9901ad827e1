package org.parley.lab.net;

/** What the proxy does with a frame after the tap has seen it. */
public sealed interface TapAction {
    /** Pass the frame on unchanged. */
    record Forward() implements TapAction {
    }

    /** Do not pass it on (the tap may have sent something else through the {@link Link} instead). */
    record Drop() implements TapAction {
    }

    /** Close both sides of this connection at once, without forwarding anything more. */
    record Cut() implements TapAction {
    }

    TapAction FORWARD = new Forward();
    TapAction DROP = new Drop();
    TapAction CUT = new Cut();
}
