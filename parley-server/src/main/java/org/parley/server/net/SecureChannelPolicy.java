package org.parley.server.net;

import java.time.Clock;
import java.util.concurrent.Executor;
import org.parley.server.chat.RequestRate;
import org.parley.server.metrics.ServerMetrics;

/**
 * What every connection's {@link SecureChannelHandler} shares: the pool its handshake steps run
 * on, the handshake admission (rates per address and overall), the KeyUpdate rate each
 * connection gets, the clock of those rates, and where refusals are counted.
 */
record SecureChannelPolicy(Executor handshakePool, HandshakeAdmission admission, RequestRate keyUpdateRate, Clock clock,
                           ServerMetrics metrics) {
}
