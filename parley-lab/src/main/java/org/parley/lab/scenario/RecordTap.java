package org.parley.lab.scenario;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.parley.crypto.Bytes;
import org.parley.lab.Actor;
import org.parley.lab.Trace;
import org.parley.lab.net.Direction;
import org.parley.lab.net.FrameEdits;
import org.parley.lab.net.FrameTap;
import org.parley.lab.net.Link;
import org.parley.lab.net.TapAction;

/**
 * The attacker's tap for {@link RecordAttackKind}: passes everything until armed (after login),
 * then acts on the first records. The record's inner type is hidden, so the attacker acts on
 * position (first, second) and size, as a real one would.
 */
final class RecordTap implements FrameTap {
    private final RecordAttackKind kind;
    private final Trace trace;
    private final AtomicBoolean armed = new AtomicBoolean();
    private int clientRecords;
    private boolean reflected;
    private Bytes held;

    RecordTap(RecordAttackKind kind, Trace trace) {
        this.kind = kind;
        this.trace = trace;
    }

    /** From now on the next records are attacked. */
    void arm() {
        armed.set(true);
    }

    @Override
    public synchronized TapAction onFrame(Link link, Direction direction, int index, Bytes frame) {
        if (!armed.get()) {
            return TapAction.FORWARD;
        }
        try {
            return direction == Direction.CLIENT_TO_SERVER ? fromClient(link, frame) : fromServer(link, frame);
        } catch (IOException e) {
            return TapAction.CUT;
        }
    }

    private TapAction fromClient(Link link, Bytes frame) throws IOException {
        int n = ++clientRecords;
        switch (kind) {
            case FLIP -> {
                if (n == 1) {
                    int offset = 3 + (frame.length() - 3) / 2;
                    trace.add(Actor.ATTACKER, "attacker.flip", 0, offset, "record", Direction.CLIENT_TO_SERVER.arrow(),
                            frame.length());
                    link.toServer(FrameEdits.flipBit(frame, offset, 0));
                    return TapAction.DROP;
                }
            }
            case REPLAY -> {
                if (n == 1) {
                    trace.add(Actor.ATTACKER, "attacker.replay", frame.length());
                    link.toServer(frame);
                    link.toServer(frame);
                    return TapAction.DROP;
                }
            }
            case REORDER -> {
                if (n == 1) {
                    held = frame;
                    trace.add(Actor.ATTACKER, "attacker.hold", frame.length());
                    return TapAction.DROP;
                }
                if (n == 2) {
                    trace.add(Actor.ATTACKER, "attacker.reorder", frame.length(), held.length());
                    link.toServer(frame);
                    link.toServer(held);
                    return TapAction.DROP;
                }
            }
            case DROP, KEY_UPDATE_DESYNC -> {
                if (n == 1) {
                    trace.add(Actor.ATTACKER, kind == RecordAttackKind.DROP ? "attacker.drop" : "attacker.drop.keyupdate",
                            frame.length());
                    return TapAction.DROP;
                }
            }
            case REFLECT -> {
                // The client's records pass; the attack is on the server's.
            }
        }
        return TapAction.FORWARD;
    }

    private TapAction fromServer(Link link, Bytes frame) throws IOException {
        if (kind == RecordAttackKind.REFLECT && !reflected) {
            reflected = true;
            trace.add(Actor.ATTACKER, "attacker.reflect", frame.length());
            link.toServer(frame);
        }
        return TapAction.FORWARD;
    }
}
