package org.imap4j.mime.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A bounded byte pipe between the thread that receives a FETCH body (it writes) and the thread that parses it (it
 * reads): the writer blocks while the ring is full, so a body of any size passes through a fixed amount of heap and
 * the parser's speed reaches the socket as back-pressure. Unlike {@code java.io.PipedInputStream} it does not poll,
 * and it does not care which threads use it.
 */
public final class Pipe {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final byte[] ring;
    private int head;
    private int count;
    private boolean writerClosed;
    private boolean readerClosed;

    /** @param capacity bytes buffered at most */
    public Pipe(int capacity) {
        ring = new byte[capacity];
    }

    /** @return the writing end; closing it is the end of the input */
    public OutputStream sink() {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                put(b, off, len);
            }

            @Override
            public void close() {
                closeWriter();
            }
        };
    }

    /** @return the reading end; closing it makes further writes discard their bytes */
    public InputStream source() {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return take(b, off, len);
            }

            @Override
            public void close() {
                lock.lock();
                try {
                    readerClosed = true;
                    count = 0;
                    notFull.signalAll();
                } finally {
                    lock.unlock();
                }
            }
        };
    }

    private void put(byte[] b, int off, int len) throws IOException {
        lock.lock();
        try {
            while (len > 0) {
                if (readerClosed) {
                    return;
                }
                if (writerClosed) {
                    throw new IOException("pipe closed");
                }
                if (count == ring.length) {
                    await(notFull);
                    continue;
                }
                int tail = (head + count) % ring.length;
                int n = Math.min(len, Math.min(ring.length - count, ring.length - tail));
                System.arraycopy(b, off, ring, tail, n);
                count += n;
                off += n;
                len -= n;
                notEmpty.signal();
            }
        } finally {
            lock.unlock();
        }
    }

    private int take(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
            return 0;
        }
        lock.lock();
        try {
            while (count == 0) {
                if (writerClosed || readerClosed) {
                    return -1;
                }
                await(notEmpty);
            }
            int n = Math.min(len, Math.min(count, ring.length - head));
            System.arraycopy(ring, head, b, off, n);
            head = (head + n) % ring.length;
            count -= n;
            notFull.signal();
            return n;
        } finally {
            lock.unlock();
        }
    }

    private void closeWriter() {
        lock.lock();
        try {
            writerClosed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private static void await(Condition c) throws InterruptedIOException {
        try {
            c.await(1, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting on the MIME pipe");
        }
    }
}
