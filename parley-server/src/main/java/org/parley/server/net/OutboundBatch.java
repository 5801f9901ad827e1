package org.parley.server.net;

import java.util.List;
import org.parley.crypto.Bytes;

/**
 * Written down the pipeline by {@link NettySessionLink} for a connection whose client accepts batch
 * records: complete messages, in order, that {@link SecureChannelHandler} seals at once, every run
 * of them that fits one record as one batch record (docs/PROTOCOL.md, Section 10.5.1). The link
 * hands the list over and never touches it again.
 */
record OutboundBatch(List<Bytes> messages) {
}
