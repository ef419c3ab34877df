package dev.isthmus.workers.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP forwarder between an S3 client and an S3 server that fails on cue, deterministically: once
 * a request line containing a marker (say {@code "PUT /runs/sweep/checkpoints/"}) passes, it
 * forwards a set number of bytes of that request's body (or of its response's body) and then closes
 * both sockets. With {@code thenStop} it also stops listening, so that later connections are
 * refused as by a stopped server, until {@link #start()} brings it back on the same port.
 */
public final class CuttingProxy implements AutoCloseable {

    /** Which body a cut counts: the one the client sends or the one the server answers. */
    public enum Body {
        REQUEST,
        RESPONSE
    }

    /**
     * How an upload cut by this proxy ends its message, as a regular expression: "not stored" when
     * the client saw the cut before its last byte, "may not have been stored" when the socket
     * buffers had already taken the whole body (which loopback buffers of a few MB can, whatever
     * the cut).
     */
    public static final String NOT_STORED =
            "; (the object was not stored|the server never confirmed it, so the object may not have"
                    + " been stored)";

    private record Cut(
            Body body, String marker, long after, boolean thenStop, AtomicInteger left) {}

    private final InetSocketAddress upstream;
    private final int port;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private final AtomicInteger cuts = new AtomicInteger();
    private volatile Cut cut;
    private volatile boolean hanging;
    private volatile ServerSocket listener;

    public CuttingProxy(URI upstream) throws IOException {
        this.upstream = new InetSocketAddress(upstream.getHost(), upstream.getPort());
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        this.port = s.getLocalPort();
        listen(s);
    }

    /** Where clients connect: set as {@code isthmus.s3.endpoint} before opening a store. */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * From now on, every request whose request line contains {@code marker} is cut after {@code
     * after} bytes of the chosen body, {@code times} times at most; with {@code thenStop} the proxy
     * stops at the first cut.
     */
    public void cutAfter(Body body, String marker, long after, int times, boolean thenStop) {
        cut = new Cut(body, marker, after, thenStop, new AtomicInteger(times));
    }

    /**
     * From now on, connections are accepted and then ignored: nothing is forwarded, nothing
     * answered, as by a server that hangs.
     */
    public void hang() {
        hanging = true;
    }

    /** Forwards everything again. */
    public void heal() {
        cut = null;
        hanging = false;
    }

    /** How many connections were cut so far. */
    public int cuts() {
        return cuts.get();
    }

    /** Whether the proxy listens (false after a cut with {@code thenStop}, or {@link #stop()}). */
    public boolean listening() {
        return listener != null;
    }

    /** Stops listening and drops every open connection, as a server that stops does. */
    public synchronized void stop() {
        ServerSocket s = listener;
        listener = null;
        closeQuietly(s);
        for (Socket k : sockets) closeQuietly(k);
        sockets.clear();
    }

    /** Listens again on the same port, with no cut armed. */
    public synchronized void start() throws IOException {
        if (listener != null) return;
        heal();
        ServerSocket s = new ServerSocket();
        s.setReuseAddress(true);
        s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        listen(s);
    }

    private void listen(ServerSocket s) {
        listener = s;
        Thread t =
                new Thread(
                        () -> {
                            while (!s.isClosed()) {
                                try {
                                    Socket client = s.accept();
                                    serve(client);
                                } catch (IOException closed) {
                                    return;
                                }
                            }
                        },
                        "cutting-proxy-accept");
        t.setDaemon(true);
        t.start();
    }

    private void serve(Socket client) throws IOException {
        if (hanging) {
            sockets.add(client); // held open, never read: closed by stop() or close()
            return;
        }
        Socket server = new Socket();
        try {
            server.connect(upstream, 5000);
        } catch (IOException e) {
            client.close();
            return;
        }
        sockets.add(client);
        sockets.add(server);
        Connection c = new Connection(client, server);
        start("cutting-proxy-up", () -> c.pump(true));
        start("cutting-proxy-down", () -> c.pump(false));
    }

    private static void start(String name, Runnable r) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        t.start();
    }

    /** One client connection and its upstream twin, with the state of an armed cut. */
    private final class Connection {
        private final Socket client;
        private final Socket server;
        private volatile Cut responseCut; // armed by the request side, counted by the response side

        Connection(Socket client, Socket server) {
            this.client = client;
            this.server = server;
        }

        void pump(boolean up) {
            byte[] buf = new byte[16 * 1024];
            // the text seen so far of the current message head (to find the marker and its end)
            StringBuilder head = new StringBuilder();
            Cut armed = null;
            boolean inBody = false;
            long bodyBytes = 0;
            try (InputStream in = (up ? client : server).getInputStream();
                    OutputStream out = (up ? server : client).getOutputStream()) {
                for (int n; (n = in.read(buf)) > 0; ) {
                    int from = 0;
                    if (armed == null) {
                        Cut c = up ? cut : responseCut;
                        if (c != null && (!up || c.body() == Body.REQUEST)) {
                            head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            if (head.length() > 64 * 1024) head.delete(0, head.length() - 4096);
                            int at = up ? head.indexOf(c.marker()) : 0;
                            if (at >= 0) {
                                int end = head.indexOf("\r\n\r\n", at);
                                if (end >= 0 && (!up || c.left().getAndDecrement() > 0)) {
                                    armed = c;
                                    inBody = true;
                                    // bytes of this read that precede the body
                                    int before = n - (head.length() - (end + 4));
                                    from = Math.max(0, before);
                                }
                            }
                        } else if (up && c != null && c.body() == Body.RESPONSE) {
                            head.append(new String(buf, 0, n, StandardCharsets.ISO_8859_1));
                            if (head.length() > 64 * 1024) head.delete(0, head.length() - 4096);
                            if (head.indexOf(c.marker()) >= 0 && c.left().getAndDecrement() > 0) {
                                responseCut = c;
                                head.setLength(0);
                            }
                        }
                    }
                    if (inBody) {
                        long room = armed.after() - bodyBytes;
                        int body = n - from;
                        if (body >= room) {
                            out.write(buf, 0, from + (int) room);
                            out.flush();
                            cut(armed);
                            return;
                        }
                        bodyBytes += body;
                    }
                    out.write(buf, 0, n);
                    out.flush();
                }
            } catch (IOException closed) {
                // the other side went away; close both below
            } finally {
                closeQuietly(client);
                closeQuietly(server);
                sockets.remove(client);
                sockets.remove(server);
            }
        }

        private void cut(Cut c) {
            cuts.incrementAndGet();
            if (c.thenStop()) {
                stop();
            }
            closeQuietly(client);
            closeQuietly(server);
        }
    }

    private static void closeQuietly(java.io.Closeable c) {
        if (c == null) return;
        try {
            c.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() {
        stop();
    }
}
