package org.parley.protocol.chat;

/** One valid vector of docs/test-vectors/CHAT_messages.json: its label and the message it encodes. */
record ChatVectorSample<T>(String vector, T message) {
}
