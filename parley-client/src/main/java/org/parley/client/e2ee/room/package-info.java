/**
 * End-to-end encrypted rooms in the client (docs/E2EE.md §20.7): per room, the verified
 * membership log, the room session (sender chains), waiting envelopes and the local history, kept
 * in the device directory; the log entries, sender-key distributions and room envelopes exchanged
 * with the server. The pure room core is {@code org.parley.e2ee.group}.
 */
package org.parley.client.e2ee.room;
