package org.cityedge.simulator.transport;

import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.TimeUnit;

/**
 * {@link TimedInput} over a blocking stream (a pty opened as a file has no read timeout): a daemon thread copies the
 * stream into a buffer that is read with a timeout. The thread ends when the stream ends or fails, which happens
 * when the other side of the pty (socat) goes away.
 */
final class StreamPump implements TimedInput {

    private static final int CAPACITY = 4096;

    private final byte[] ring = new byte[CAPACITY];
    private int head;
    private int size;
    private boolean ended;
    private final Thread thread;

    StreamPump(InputStream in, String name) {
        thread = new Thread(() -> pump(in), name);
        thread.setDaemon(true);
        thread.start();
    }

    private void pump(InputStream in) {
        byte[] chunk = new byte[256];
        try {
            int r;
            while ((r = in.read(chunk)) >= 0) {
                offer(chunk, r);
            }
        } catch (IOException e) {
            // EIO when the pty's other side closes: the end of the line, not an error.
        } finally {
            synchronized (this) {
                ended = true;
                notifyAll();
            }
        }
    }

    private synchronized void offer(byte[] chunk, int n) {
        for (int i = 0; i < n; i++) {
            if (size == CAPACITY) {
                head = (head + 1) % CAPACITY;   // overrun drops the oldest byte, as a UART FIFO would
                size--;
            }
            ring[(head + size) % CAPACITY] = chunk[i];
            size++;
        }
        notifyAll();
    }

    @Override
    public synchronized int read(byte[] b, int off, int len, long timeoutMillis) {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        long left;
        while (size == 0 && !ended && (left = deadline - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.timedWait(this, left);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }
        if (size == 0) {
            return ended ? -1 : 0;
        }
        int n = Math.min(len, size);
        for (int i = 0; i < n; i++) {
            b[off + i] = ring[(head + i) % CAPACITY];
        }
        head = (head + n) % CAPACITY;
        size -= n;
        return n;
    }

    /** Waits for the pump thread to end (after its stream closed). */
    void join(long millis) {
        try {
            thread.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
