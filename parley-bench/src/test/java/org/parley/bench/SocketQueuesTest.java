package org.parley.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SocketQueuesTest {
    /** Port 0x9C40 = 40000 is the server's; 0x1F90 = 8080 another server's. */
    private static final String TABLE = """
              sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
               0: 0100007F:9C40 00000000:0000 0A 00000000:00000010 00:00000000 00000000     0        0 1 1 0 100 0 0 10 0
               1: 0100007F:9C40 0100007F:D2A4 01 00001000:00000200 00:00000000 00000000     0        0 2 1 0 20 4 30 10 -1
               2: 0100007F:D2A4 0100007F:9C40 01 00000030:00100000 00:00000000 00000000     0        0 3 1 0 20 4 30 10 -1
               3: 0100007F:9C40 0100007F:D2A6 01 00000001:00000002 00:00000000 00000000     0        0 4 1 0 20 4 30 10 -1
               4: 0100007F:D2A6 0100007F:9C40 01 00000004:00000008 00:00000000 00000000     0        0 5 1 0 20 4 30 10 -1
               5: 0100007F:D300 0100007F:1F90 01 00FFFFFF:00FFFFFF 00:00000000 00000000     0        0 6 1 0 20 4 30 10 -1
               6: 0100007F:D2A8 0100007F:9C40 06 00000000:00FFFFFF 00:00000000 00000000     0        0 7 1 0 20 4 30 10 -1
               not a line at all
            """;

    @Test
    void theQueuesOfEstablishedConnectionsToTheServersPortAreSummedBySide() {
        SocketQueues.Totals totals = SocketQueues.parse(TABLE, 40_000);

        assertThat(totals).isEqualTo(new SocketQueues.Totals(0x100000 + 0x8, 0x1000 + 0x1, 0x200 + 0x2, 0x30 + 0x4));
    }

    @Test
    void onlyTheConnectionsToTheGivenPortAreCounted() {
        assertThat(SocketQueues.parse(TABLE, 8_080)).isEqualTo(new SocketQueues.Totals(0xFFFFFF, 0, 0, 0xFFFFFF));
        assertThat(SocketQueues.parse(TABLE, 8_081)).isEqualTo(SocketQueues.Totals.ZERO);
    }

    @Test
    void anIpv6TableWithIpv4MappedAddressesIsReadAlike() {
        String table = """
                  sl  local_address                         remote_address                        st tx_queue rx_queue
                   0: 0000000000000000FFFF00000100007F:9C40 0000000000000000FFFF00000100007F:D2A4 01 00000100:00000002 00:0
                   1: 0000000000000000FFFF00000100007F:D2A4 0000000000000000FFFF00000100007F:9C40 01 00000000:00002000 00:0
                """;

        assertThat(SocketQueues.parse(table, 40_000)).isEqualTo(new SocketQueues.Totals(0x2000, 0x100, 0x2, 0));
    }

    @Test
    void thePeakOfEachQueueIsKeptSeparately() {
        SocketQueues.Totals a = new SocketQueues.Totals(5, 1, 7, 0);
        SocketQueues.Totals b = new SocketQueues.Totals(2, 9, 3, 4);

        assertThat(a.max(b)).isEqualTo(new SocketQueues.Totals(5, 9, 7, 4));
        assertThat(SocketQueues.Totals.UNKNOWN.known()).isFalse();
    }
}
