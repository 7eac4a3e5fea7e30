package org.cityedge.coap.internal.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.cityedge.coap.internal.dtls.CaliforniumSetup;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.DTLSConnector;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedSinglePskStore;

/**
 * Simulated push nodes, each with its own Californium endpoint (own UDP port; with DTLS its own PSK identity and
 * session), in a closed loop: one confirmable POST outstanding per node, the next sent as soon as the answer is back.
 * The endpoints share small executors (named bench-*) so the gateway's threads can be told apart and 50 nodes do
 * not start hundreds of workers.
 */
final class NodeFleet implements AutoCloseable {

    /** What the nodes saw while {@link #measure} was on; failures are timeouts, rejects, send errors, cancels. */
    record Window(long changed, long refused, long failed, long[] latencyNanos) {
    }

    private final List<Node> nodes = new ArrayList<>();
    private final byte[][] packs;
    private final int contentFormat;
    private final ScheduledExecutorService main = Executors.newScheduledThreadPool(2, named("bench-node"));
    private final ScheduledExecutorService secondary = Executors.newScheduledThreadPool(1, named("bench-timer"));
    private final ExecutorService dtlsWorkers = Executors.newFixedThreadPool(2, named("bench-dtls"));
    private final AtomicInteger inFlight = new AtomicInteger();
    private final LongAdder changed = new LongAdder();
    private final LongAdder refused = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder refusedTotal = new LongAdder();
    private final LongAdder failedTotal = new LongAdder();
    private volatile boolean running;
    private volatile boolean measuring;

    private NodeFleet(byte[][] packs, int contentFormat) {
        this.packs = packs;
        this.contentFormat = contentFormat;
    }

    /** Nodes over plain CoAP to {@code server}. */
    static NodeFleet plain(List<String> ids, InetSocketAddress server, byte[][] packs, int contentFormat)
            throws IOException {
        NodeFleet fleet = new NodeFleet(packs, contentFormat);
        Configuration cf = CaliforniumSetup.configuration(1024);
        for (String id : ids) {
            fleet.add(id, CaliforniumSetup.plain(cf, new InetSocketAddress("127.0.0.1", 0)), "coap", server);
        }
        return fleet;
    }

    /** Nodes over DTLS PSK to {@code server}, identity = node id, key from {@code keys}. */
    static NodeFleet dtls(Map<String, byte[]> keys, List<String> ids, InetSocketAddress server, byte[][] packs,
            int contentFormat) throws IOException {
        NodeFleet fleet = new NodeFleet(packs, contentFormat);
        Configuration cf = CaliforniumSetup.configuration(1024);
        cf.set(DtlsConfig.DTLS_MAX_CONNECTIONS, 16); // a node talks to one server
        for (String id : ids) {
            CoapEndpoint endpoint = CaliforniumSetup.dtls(cf, new InetSocketAddress("127.0.0.1", 0),
                    new AdvancedSinglePskStore(id, keys.get(id)), false, null);
            ((DTLSConnector) endpoint.getConnector()).setExecutor(fleet.dtlsWorkers);
            fleet.add(id, endpoint, "coaps", server);
        }
        return fleet;
    }

    private void add(String id, CoapEndpoint endpoint, String scheme, InetSocketAddress server) throws IOException {
        endpoint.setExecutors(main, secondary);
        endpoint.start();
        nodes.add(new Node(id, endpoint, URI.create(scheme + "://127.0.0.1:" + server.getPort() + "/readings/" + id)));
    }

    void start() {
        running = true;
        nodes.forEach(Node::send);
    }

    void measure(boolean on) {
        if (on) {
            changed.reset();
            refused.reset();
            failed.reset();
            nodes.forEach(Node::clearLatencies);
        }
        measuring = on;
    }

    Window window() {
        long[] all = nodes.stream().map(Node::latencies).flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return new Window(changed.sum(), refused.sum(), failed.sum(), all);
    }

    /** Refused (an answer other than 2.04) and failed requests over the whole run, warm-up included. */
    long refusedTotal() {
        return refusedTotal.sum();
    }

    long failedTotal() {
        return failedTotal.sum();
    }

    /** Stops sending; waits (bounded) for the answers in flight, then cancels the rest; returns how many. */
    int stop(long maxWaitMs) throws InterruptedException {
        running = false;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(maxWaitMs);
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        int abandoned = inFlight.get();
        nodes.forEach(n -> {
            Request r = n.current;
            if (r != null && !r.isCanceled()) {
                r.cancel();
            }
        });
        return abandoned;
    }

    @Override
    public void close() {
        running = false;
        nodes.forEach(n -> n.endpoint.destroy());
        main.shutdownNow();
        secondary.shutdownNow();
        dtlsWorkers.shutdownNow();
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "#" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private final class Node {
        final String id;
        final CoapEndpoint endpoint;
        final URI uri;
        volatile Request current;
        private int next;
        private long[] latencies = new long[1024];
        private int count;

        Node(String id, CoapEndpoint endpoint, URI uri) {
            this.id = id;
            this.endpoint = endpoint;
            this.uri = uri;
        }

        void send() {
            if (!running) {
                return;
            }
            Request request = Request.newPost();
            request.setURI(uri);
            request.getOptions().setContentFormat(contentFormat);
            request.setPayload(packs[next++ % packs.length]);
            long sent = System.nanoTime();
            AtomicBoolean done = new AtomicBoolean();
            request.addMessageObserver(new MessageObserverAdapter() {
                @Override
                public void onResponse(Response response) {
                    if (done.compareAndSet(false, true)) {
                        completed(response.getCode() == ResponseCode.CHANGED, false, System.nanoTime() - sent);
                    }
                }

                @Override
                protected void failed() {
                    if (done.compareAndSet(false, true)) {
                        completed(false, true, 0);
                    }
                }
            });
            current = request;
            inFlight.incrementAndGet();
            endpoint.sendRequest(request);
        }

        private void completed(boolean ok, boolean failure, long nanos) {
            if (failure) {
                failedTotal.increment();
            } else if (!ok) {
                refusedTotal.increment();
            }
            if (measuring) {
                if (ok) {
                    changed.increment();
                    record(nanos);
                } else if (failure) {
                    failed.increment();
                } else {
                    refused.increment();
                }
            }
            inFlight.decrementAndGet();
            send();
        }

        private synchronized void record(long nanos) {
            if (count == latencies.length) {
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            latencies[count++] = nanos;
        }

        synchronized void clearLatencies() {
            count = 0;
        }

        synchronized long[] latencies() {
            return Arrays.copyOf(latencies, count);
        }

        @Override
        public String toString() {
            return id;
        }
    }
}
