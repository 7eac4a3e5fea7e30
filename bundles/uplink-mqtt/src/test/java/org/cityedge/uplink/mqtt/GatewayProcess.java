package org.cityedge.uplink.mqtt;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.cityedge.buffer.BufferSettings;
import org.cityedge.buffer.DurableOutbox;

/**
 * Stands for the gateway process in the chaos test: the real buffer and uplink engine, fed by a synthetic poller.
 * Tells its parent on stdout how far it got: {@code DURABLE n} (every sequence number up to n is on disk),
 * {@code GENERATED n} when its polls are done, {@code DRAINED n} when the broker acknowledged everything.
 *
 * <p>Arguments: bufferFile brokerUrl pollsPerSecond totalPolls(-1: until killed) firstPollNumber
 */
public final class GatewayProcess {

    private GatewayProcess() {
    }

    public static void main(String[] args) throws Exception {
        Path buffer = Path.of(args[0]);
        String broker = args[1];
        int rate = Integer.parseInt(args[2]);
        long total = Long.parseLong(args[3]);
        long first = Long.parseLong(args[4]);
        int devices = 10;

        DurableOutbox outbox = DurableOutbox.open(BufferSettings.defaults(buffer).withCommitInterval(20));
        UplinkEngine engine = new UplinkEngine(outbox, new FixedFacts("district-7", "gw-chaos", devices));
        engine.start(UplinkSettings.defaults(broker).withTiming(5, 3600, 200, 1_000));
        System.out.println("STARTED " + outbox.lastSequence());

        long periodNanos = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        for (long n = first; total < 0 || n < first + total; n++) {
            engine.accept(SyntheticPolls.poll(FixedFacts.device((int) (n % devices)), 8, n,
                    System.currentTimeMillis()));
            if (n % 25 == 0) {
                System.out.println("DURABLE " + outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS));
            }
            next += periodNanos;
            long sleep = next - System.nanoTime();
            if (sleep > 0) {
                TimeUnit.NANOSECONDS.sleep(sleep);
            }
        }
        long last = outbox.flush().toCompletableFuture().get(30, TimeUnit.SECONDS);
        System.out.println("GENERATED " + last);
        while (outbox.status().depth() > 0) {
            Thread.sleep(50);
        }
        System.out.println("DRAINED " + last);
        Thread.sleep(Long.MAX_VALUE); // the parent ends us
    }
}
