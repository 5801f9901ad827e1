package org.parley.lab.scenario;

import java.util.ArrayList;
import java.util.List;
import org.parley.lab.Scenario;

/** Every scenario of the lab, in teaching order (the order of docs/LAB.md). */
public final class Catalogue {
    private Catalogue() {
    }

    public static List<Scenario> all() {
        List<Scenario> all = new ArrayList<>();
        all.add(new Eavesdrop());
        for (HandshakeMessage m : HandshakeMessage.values()) {
            all.add(new HandshakeBitFlip(m));
        }
        all.add(new RecordAttack(RecordAttackKind.FLIP));
        all.add(new RecordAttack(RecordAttackKind.REPLAY));
        all.add(new ReplayHandshake());
        all.add(new RecordAttack(RecordAttackKind.REORDER));
        all.add(new RecordAttack(RecordAttackKind.DROP));
        all.add(new Truncation());
        all.add(new DroppedAnswer());
        all.add(new DroppedAnswerRestart());
        all.add(new Downgrade(true));
        all.add(new Downgrade(false));
        all.add(new KeySubstitution(KeySubstitution.Victim.PINNED));
        all.add(new KeySubstitution(KeySubstitution.Victim.FIRST_CONTACT));
        all.add(new KeySubstitution(KeySubstitution.Victim.FINGERPRINT_CHECKED));
        all.add(new CopiedServerKey());
        all.add(new LoginRelay(false));
        all.add(new LoginRelay(true));
        all.add(new RecordAttack(RecordAttackKind.REFLECT));
        all.add(new RecordAttack(RecordAttackKind.KEY_UPDATE_DESYNC));
        all.add(new BruteForce());
        all.add(new ServerLimitAttack(true));
        all.add(new ServerLimitAttack(false));
        all.add(new PrekeySubstitution());
        all.add(new GhostDevice());
        all.add(new EnvelopeReplay());
        all.add(new GhostMember());
        all.add(new InvitedJoin());
        all.add(new KickedMember());
        return List.copyOf(all);
    }
}
