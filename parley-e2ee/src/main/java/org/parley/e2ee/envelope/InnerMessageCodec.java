package org.parley.e2ee.envelope;

import java.time.Instant;
import org.parley.crypto.Bytes;
import org.parley.e2ee.E2eeError;
import org.parley.e2ee.E2eeException;
import org.parley.e2ee.envelope.InnerMessage.ContentType;
import org.parley.protocol.alert.WireFormatException;
import org.parley.protocol.wire.WireReader;
import org.parley.protocol.wire.WireWriter;

/** Encodes and strictly decodes {@link InnerMessage}s. */
public final class InnerMessageCodec {

    private InnerMessageCodec() {
    }

    public static Bytes encode(InnerMessage message) {
        return new WireWriter(InnerMessage.OVERHEAD + message.body().length()).u8(1)
                .u8(message.contentType().code()).fixed(message.messageId()).u64(message.sentAt().toEpochMilli())
                .vector16(message.body()).toBytes();
    }

    public static InnerMessage decode(Bytes encoded) throws E2eeException {
        if (encoded.length() > InnerMessage.MAX_LENGTH) {
            throw E2eeException.malformed("inner message longer than " + InnerMessage.MAX_LENGTH + " bytes");
        }
        try {
            WireReader reader = WireReader.of(encoded);
            int version = reader.u8();
            if (version != 1) {
                throw new E2eeException(E2eeError.UNSUPPORTED_VERSION, "inner message version " + version);
            }
            int code = reader.u8();
            ContentType type = ContentType.fromCode(code)
                    .orElseThrow(() -> E2eeException.malformed("unknown content type " + code));
            Bytes messageId = reader.fixed(16, "message_id");
            long sentAt = reader.u64();
            if (sentAt < 0) {
                throw E2eeException.malformed("sent_at out of range");
            }
            Bytes body = switch (type) {
                case TEXT -> Bytes.utf8(reader.utf8Vector16("body", 0, InnerMessage.MAX_BODY));
                case SENDER_KEY -> reader.vector16("body", 0, InnerMessage.MAX_BODY);
            };
            reader.expectEnd();
            return new InnerMessage(type, messageId, Instant.ofEpochMilli(sentAt), body);
        } catch (WireFormatException e) {
            throw new E2eeException(E2eeError.MALFORMED, "inner message: " + e.getMessage(), e);
        }
    }
}
