package org.cityedge.buffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file of zeros beside the store ({@code outbox.db.spare}), given back to the file system when the disk is full.
 * In WAL mode even dropping messages needs a little free space (for the log, and for the database to take in what
 * the log holds), so without it a full disk could only be waited out, not worked around. The idea is the "ballast
 * file" some databases keep for the same reason.
 */
final class SpareSpace {

    static final long MAX_BYTES = 8L << 20;
    private static final int CHUNK = 1 << 20;

    private final Path file;
    private final long bytes;

    SpareSpace(Path file, long bytes) {
        this.file = file;
        this.bytes = bytes;
    }

    /** An eighth of the quota, at most {@link #MAX_BYTES}. */
    static SpareSpace beside(Path store, long quotaBytes) {
        Path file = store.resolveSibling(store.getFileName() + ".spare");
        return new SpareSpace(file, Math.min(MAX_BYTES, quotaBytes / 8));
    }

    Path file() {
        return file;
    }

    long bytes() {
        return bytes;
    }

    /** Makes sure the file is there at full size; false (and no partial file) when the disk has not the room. */
    boolean ensure() {
        try {
            if (Files.isRegularFile(file) && Files.size(file) == bytes) {
                return true;
            }
            ByteBuffer zeros = ByteBuffer.allocate(CHUNK); // real blocks: a sparse file would hold nothing back
            try (FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                for (long left = bytes; left > 0;) {
                    zeros.clear().limit((int) Math.min(CHUNK, left));
                    left -= out.write(zeros);
                }
                out.force(true);
            }
            return true;
        } catch (IOException e) {
            release();
            return false;
        }
    }

    /** Deletes the file; true when it was there. */
    boolean release() {
        try {
            return Files.deleteIfExists(file);
        } catch (IOException e) {
            return false;
        }
    }
}
