package org.imap4j.mime.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.imap4j.mime.Content;

/**
 * Bytes kept in heap up to a threshold, then moved to a temporary file: the bounded-heap home of one part's content.
 */
final class Spool extends OutputStream {
    private final long threshold;
    private final Path directory;
    private final List<Path> created;
    private final long[] diskBudget;
    private ByteArrayOutputStream memory = new ByteArrayOutputStream();
    private OutputStream file;
    private Path path;
    private long size;

    /**
     * @param threshold bytes kept in heap at most
     * @param directory where the temporary file goes, or null for the default
     * @param created   every file created is added here, so a failed parse can delete it
     * @param diskBudget one element: the bytes the message may still put in temporary files, shared by its spools
     */
    Spool(long threshold, Path directory, List<Path> created, long[] diskBudget) {
        this.threshold = threshold;
        this.directory = directory;
        this.created = created;
        this.diskBudget = diskBudget;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        if (file == null && size + len > threshold) {
            spend(size);
            path = directory == null ? Files.createTempFile("imap4j-mime-", ".part")
                    : Files.createTempFile(directory, "imap4j-mime-", ".part");
            created.add(path);
            file = new BufferedOutputStream(Files.newOutputStream(path), 64 << 10);
            memory.writeTo(file);
            memory = null;
        }
        if (file != null) {
            spend(len);
            file.write(b, off, len);
        } else {
            memory.write(b, off, len);
        }
        size += len;
    }

    private void spend(long n) throws IOException {
        if (n > diskBudget[0]) {
            throw new IOException("MIME parts of this message need more than maxSpoolBytes in temporary files");
        }
        diskBudget[0] -= n;
    }

    /** @return how many bytes were written */
    long size() {
        return size;
    }

    /** @return whether the bytes are still all in heap */
    boolean inMemory() {
        return file == null;
    }

    /** @return the bytes in heap (only while {@link #inMemory()}) */
    byte[] bytes() {
        return memory.toByteArray();
    }

    /**
     * Closes the file, if any.
     *
     * @return the content
     * @throws IOException if the file cannot be written
     */
    Content finish() throws IOException {
        if (file == null) {
            return new Content.InMemory(memory.toByteArray());
        }
        file.close();
        return new Content.Spooled(path, size);
    }

    @Override
    public void close() throws IOException {
        if (file != null) {
            file.close();
        }
    }
}
