package org.parley.client.e2ee.room;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.e2ee.group.LogBody;
import org.parley.protocol.chat.RoomVisibility;
import org.parley.protocol.chat.StoredMessage;

/**
 * The client's encrypted-room path for a room of about 100 member devices (a benchmark, not a
 * test): the room logic with its real storage (atomic, fsynced writes in a device directory) over
 * the in-memory {@link RoomHub}; the pairwise encryption of each distribution is modelled (the
 * core's RoomBench measures it: about 9 µs each), the network is absent. Reports CPU time of the
 * measuring thread and wall time (which includes the fsyncs) per operation. Run by
 * {@code bench/room-client-cost.sh}; results in docs/E2EE.md §20.7.
 */
public final class RoomClientCost {
    private static final int DEVICES = 100;
    private static final int KICKS = 10;
    private static final int MESSAGES = 200;

    private RoomClientCost() {
    }

    public static void main(String[] args) throws Exception {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        SecureRandom random = new SecureRandom();
        Path base = Files.createTempDirectory("room-client-cost");
        RoomHub hub = new RoomHub();
        RoomMember alice = new RoomMember(hub, base, "alice", 1, random);
        alice.logs.create(alice.server, "bench", RoomVisibility.PRIVATE);
        List<RoomMember> members = new ArrayList<>();
        for (int i = 1; i < DEVICES + KICKS; i++) {
            RoomMember member = new RoomMember(hub, base, "m" + i, 1, random);
            alice.logs.change(alice.server, "bench", new LogBody.Invite(member.self.user()));
            member.logs.join(member.server, "bench", null);
            members.add(member);
        }
        alice.logs.refresh(alice.server, alice.rooms.find("bench", alice.self).orElseThrow());
        alice.send("bench", "warm up");
        hub.keys.clear();

        long cpu = 0;
        long wall = 0;
        for (int k = 0; k < KICKS; k++) {
            RoomMember kicked = members.remove(members.size() - 1);
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            alice.logs.change(alice.server, "bench", new LogBody.Kick(kicked.self.user()));
            alice.send("bench", "first after the change " + k);
            cpu += threads.getCurrentThreadCpuTime() - cpuStart;
            wall += System.nanoTime() - wallStart;
            hub.keys.clear();
        }
        report("kick + first message (rekey, " + (members.size()) + " distributions)", cpu, wall, KICKS);

        RoomMember bob = members.getFirst();
        alice.send("bench", "chain for bob");
        for (RoomHub.Sealed sealed : List.copyOf(hub.keys)) {
            if (sealed.to().equals(bob.self)) {
                bob.traffic.distribution(bob.server, sealed.from(), sealed.fromIdentity(), sealed.inner());
            }
        }
        hub.keys.clear();
        String text = "x".repeat(1024);
        long sendCpu = 0;
        long sendWall = 0;
        long receiveCpu = 0;
        long receiveWall = 0;
        for (int n = 0; n < MESSAGES; n++) {
            long cpuStart = threads.getCurrentThreadCpuTime();
            long wallStart = System.nanoTime();
            alice.send("bench", text);
            sendCpu += threads.getCurrentThreadCpuTime() - cpuStart;
            sendWall += System.nanoTime() - wallStart;
            List<StoredMessage> stored = hub.messages.get("bench");
            cpuStart = threads.getCurrentThreadCpuTime();
            wallStart = System.nanoTime();
            bob.traffic.received(bob.server, "bench", stored.getLast());
            receiveCpu += threads.getCurrentThreadCpuTime() - cpuStart;
            receiveWall += System.nanoTime() - wallStart;
        }
        report("steady send of 1 KiB (log check, encrypt, store)", sendCpu, sendWall, MESSAGES);
        report("steady receive of 1 KiB (decrypt, store, history)", receiveCpu, receiveWall, MESSAGES);
    }

    private static void report(String what, long cpuNanos, long wallNanos, int count) {
        System.out.println(String.format(Locale.ROOT, "%-58s %9.2f ms CPU/op %9.2f ms wall/op", what,
                cpuNanos / 1e6 / count, wallNanos / 1e6 / count));
    }
}
