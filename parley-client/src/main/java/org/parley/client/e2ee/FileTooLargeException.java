package org.parley.client.e2ee;

import java.io.IOException;

/** A file of the device directory is longer than its reader allows; it was not read past that bound. */
public final class FileTooLargeException extends IOException {
    private static final long serialVersionUID = 1L;

    private final long maxBytes;

    FileTooLargeException(String name, long maxBytes) {
        super(name + " is larger than " + maxBytes + " bytes");
        this.maxBytes = maxBytes;
    }

    /** The bound the file is over. */
    public long maxBytes() {
        return maxBytes;
    }
}
