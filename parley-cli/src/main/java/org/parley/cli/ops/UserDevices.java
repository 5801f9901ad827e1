package org.parley.cli.ops;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.parley.cli.CliContext;
import org.parley.protocol.chat.DeviceInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code parley users devices USER [--remove ID]}: a user's end-to-end devices, one line each (id,
 * name, added, last seen, the first 8 bytes of the signing key in hex to tell keys apart), or
 * the removal of one of them with its prekeys and queued envelopes.
 */
@Command(name = "devices", mixinStandardHelpOptions = true,
        description = "List a user's end-to-end devices, or remove one with --remove ID.")
final class UserDevices extends OperatorCommand {
    private static final int KEY_PREFIX_BYTES = 8;

    @Parameters(paramLabel = "USER")
    String user;

    @Option(names = "--remove", paramLabel = "ID", description = "Remove this device (its prekeys and queued envelopes too).")
    Long remove;

    UserDevices(CliContext context) {
        super(context);
    }

    @Override
    public Integer call() {
        return withOperator(operator -> {
            if (remove != null) {
                operator.removeDevice(user, remove);
                return List.of("device " + remove + " of " + user + " removed");
            }
            return operator.devices(user).stream().map(UserDevices::line).toList();
        });
    }

    private static String line(DeviceInfo device) {
        return device.deviceId() + "\t" + device.name() + "\tadded " + Instant.ofEpochMilli(device.addedAtMillis())
                + "\tlast seen " + Instant.ofEpochMilli(device.lastSeenMillis())
                + "\tkey " + HexFormat.of().formatHex(device.identity().slice(0, KEY_PREFIX_BYTES).toByteArray());
    }
}
