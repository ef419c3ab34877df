package dev.isthmus.workers.store;

import dev.isthmus.workers.io.IoReason;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * An S3 bucket (or any S3-compatible server) under a key prefix. Credentials come from the AWS
 * SDK's default chain (in a pod: {@code AWS_ACCESS_KEY_ID} and {@code AWS_SECRET_ACCESS_KEY} from a
 * Secret); {@code ISTHMUS_S3_ENDPOINT} (or the system property {@code isthmus.s3.endpoint}) points
 * at a non-AWS server such as MinIO, with path-style addressing.
 *
 * <p>Under faults: every request is tried {@link #ATTEMPTS} times with exponential backoff (a
 * dropped connection or a restarting server costs nothing); a server that accepts connections but
 * stops answering is given up on after {@code ISTHMUS_S3_TIMEOUT} seconds of silence (default 60).
 * A PUT cut in the middle stores nothing (S3 keeps whole objects only), and a download is checked
 * against the object's Content-Length, so a transfer cut short never passes for the object. What
 * fails in the end is a {@link StoreException} saying which object, what happened and how far the
 * transfer got.
 */
public final class S3Remote implements Remote {
    /** Tries per request, the first included. */
    static final int ATTEMPTS = 4;

    private final S3Client s3;
    private final String bucket;
    private final String prefix; // "" or ending in "/"
    private final String endpoint; // for messages
    private final Duration timeout;

    private S3Remote(S3Client s3, String bucket, String prefix, String endpoint, Duration timeout) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
        this.endpoint = endpoint;
        this.timeout = timeout;
    }

    /** A client configured from the environment for {@code bucket}, keys under {@code prefix}. */
    public static S3Remote fromEnvironment(String bucket, String prefix) {
        Duration timeout = timeout();
        S3ClientBuilder b =
                S3Client.builder()
                        .httpClient(
                                UrlConnectionHttpClient.builder()
                                        .connectionTimeout(
                                                timeout.compareTo(Duration.ofSeconds(10)) < 0
                                                        ? timeout
                                                        : Duration.ofSeconds(10))
                                        .socketTimeout(timeout)
                                        .build())
                        .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(ATTEMPTS)))
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .region(Region.of(setting("AWS_REGION", "aws.region", "us-east-1")));
        String endpoint = setting("ISTHMUS_S3_ENDPOINT", "isthmus.s3.endpoint", null);
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return new S3Remote(
                b.build(),
                bucket,
                prefix,
                endpoint == null ? "S3" : "the S3 endpoint " + endpoint,
                timeout);
    }

    private static Duration timeout() {
        String v = setting("ISTHMUS_S3_TIMEOUT", "isthmus.s3.timeout", "60");
        try {
            double seconds = Double.parseDouble(v);
            if (seconds > 0 && seconds <= 86_400) return Duration.ofMillis((long) (seconds * 1000));
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new dev.isthmus.api.validation.BadInputException(
                "ISTHMUS_S3_TIMEOUT: expected a number of seconds between 0 and 86400, got " + v);
    }

    private static String setting(String env, String property, String fallback) {
        String v = System.getProperty(property);
        if (v == null || v.isBlank()) v = System.getenv(env);
        return v == null || v.isBlank() ? fallback : v;
    }

    @Override
    public String describe(String key) {
        return "s3://" + bucket + "/" + prefix + key;
    }

    @Override
    public boolean exists(String key) {
        try {
            s3.headObject(r -> r.bucket(bucket).key(prefix + key));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw failure("check", key, e, null);
        } catch (SdkException e) {
            throw failure("check", key, e, null);
        }
    }

    /**
     * Downloads the object, checking that the whole body arrived. The SDK retries a request that
     * fails before its body; a body cut short is retried here, until {@link #ATTEMPTS} attempts
     * have been made.
     */
    @Override
    public boolean download(String key, Path target) {
        Transfer t = new Transfer(false);
        int earlier = 0; // attempts of the downloads before the current one
        for (int download = 1; ; download++) {
            t.bodyFailed = false;
            try {
                return downloadOnce(key, target, t);
            } catch (NoSuchKeyException e) {
                return false;
            } catch (S3Exception e) {
                if (e.statusCode() == 404) return false;
                throw failure("download", key, e, t, earlier);
            } catch (SdkException | IOException | UncheckedIOException e) {
                deleteQuietly(target);
                int attempts =
                        e instanceof SdkException s && s.numAttempts() != null
                                ? s.numAttempts()
                                : 1;
                if (!t.bodyFailed || earlier + attempts >= ATTEMPTS) {
                    throw failure("download", key, e, t, earlier);
                }
                earlier += attempts;
                backoff(download);
            }
        }
    }

    private boolean downloadOnce(String key, Path target, Transfer t) throws IOException {
        Files.deleteIfExists(target);
        s3.getObject(
                r -> r.bucket(bucket).key(prefix + key),
                (response, in) -> {
                    Long length = response.contentLength();
                    t.attempt(length == null ? -1 : length);
                    OutputStream out;
                    try {
                        out =
                                Files.newOutputStream(
                                        target,
                                        StandardOpenOption.CREATE,
                                        StandardOpenOption.TRUNCATE_EXISTING,
                                        StandardOpenOption.WRITE);
                    } catch (IOException e) {
                        throw new LocalFile("write", target, e);
                    }
                    try (out) {
                        byte[] buf = new byte[1 << 16];
                        for (int n; ; ) {
                            try {
                                n = in.read(buf);
                            } catch (IOException | RuntimeException e) {
                                t.bodyFailed = true; // the network's doing: worth another try
                                throw e;
                            }
                            if (n <= 0) break;
                            try {
                                out.write(buf, 0, n);
                            } catch (IOException e) {
                                throw new LocalFile("write", target, e); // a full disk, say
                            }
                            t.done.addAndGet(n);
                        }
                        if (length != null && t.done.get() != length) {
                            // the server (or something between) ended the body early
                            t.bodyFailed = true;
                            throw new CutShort();
                        }
                    }
                    return response;
                });
        return true;
    }

    private static void backoff(int attempt) {
        try {
            Thread.sleep(Math.min(2000, 100L << Math.min(attempt, 5)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void upload(String key, Path source) {
        Transfer t = new Transfer(true);
        long size;
        try {
            size = Files.size(source);
        } catch (IOException e) {
            throw failure("upload", key, new LocalFile("read", source, e), t);
        }
        try {
            s3.putObject(
                    r -> r.bucket(bucket).key(prefix + key).contentLength(size),
                    RequestBody.fromContentProvider(
                            () -> {
                                t.attempt(size);
                                try {
                                    return new Counting(Files.newInputStream(source), t.done);
                                } catch (IOException e) {
                                    throw new LocalFile("read", source, e);
                                }
                            },
                            size,
                            "application/octet-stream"));
        } catch (SdkException | UncheckedIOException e) {
            throw failure("upload", key, e, t);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("delete", key, e, null);
        }
    }

    private StoreException failure(String action, String key, Exception e, Transfer t) {
        return failure(action, key, e, t, 0);
    }

    /** {@code earlier}: attempts made before the request that threw {@code e}. */
    private StoreException failure(
            String action, String key, Exception e, Transfer t, int earlier) {
        int n =
                earlier
                        + (e instanceof SdkException s && s.numAttempts() != null
                                ? s.numAttempts()
                                : 1);
        // the count says how hard the network was tried; a server's answer speaks for itself
        String attempts = n > 1 && !(e instanceof S3Exception) ? " after " + n + " attempts" : "";
        return new StoreException(
                String.format(
                        Locale.ROOT,
                        "cannot %s %s%s: %s",
                        action,
                        describe(key),
                        attempts,
                        reason(e, t)),
                e);
    }

    /**
     * An upload whose every byte left this pod before the connection closed: the socket buffers
     * take the whole body before the server has read it, so whether it was stored is not known.
     */
    private static final String UNCONFIRMED =
            "; the server never confirmed it, so the object may not have been stored";

    /** What went wrong, in words: no exception class names, no SDK text. */
    private String reason(Exception e, Transfer t) {
        if (e instanceof S3Exception s) {
            String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
            if ("NoSuchBucket".equals(code)) return "the bucket " + bucket + " does not exist";
            if (s.statusCode() == 403) {
                return "access denied (check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)";
            }
            return "the server answered HTTP "
                    + s.statusCode()
                    + (code == null ? "" : " (" + code + ")");
        }
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof LocalFile f) return f.getMessage(); // not the network's doing
        }
        String last = null; // what the last attempt met, when it has a name
        for (Throwable c = e; c != null && last == null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                last = "nothing answers at " + endpoint + " (connection refused)";
            } else if (c instanceof UnknownHostException) {
                last = "the host of " + endpoint + " is unknown";
            } else if (c instanceof SocketTimeoutException) {
                last =
                        endpoint
                                + " did not answer within "
                                + seconds(timeout)
                                + " (ISTHMUS_S3_TIMEOUT)";
            }
        }
        if (t != null && t.best() > 0) {
            // how far the furthest attempt got, then what the last one met
            return "the connection to "
                    + endpoint
                    + (t.up
                            ? " closed during the upload, with " + t.progress() + " written to it"
                            : " closed during the download, after " + t.progress() + " had arrived")
                    + (last == null ? "" : ", and then " + last)
                    + (!t.up
                            ? ""
                            : t.best() < t.total ? "; the object was not stored" : UNCONFIRMED);
        }
        if (last != null) return last;
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof IOException) return "the connection to " + endpoint + " failed";
        }
        String raw = e instanceof SdkException s ? s.rawMessage() : e.getMessage();
        if (raw != null && raw.toLowerCase(Locale.ROOT).contains("credentials")) {
            return "no AWS credentials were found (set AWS_ACCESS_KEY_ID and"
                    + " AWS_SECRET_ACCESS_KEY)";
        }
        // an unforeseen client-side failure: its own words are all there is to go on
        return "the S3 client gave up before any transfer"
                + (raw == null || raw.isBlank() ? "" : " (" + raw.strip() + ")");
    }

    /** A failure of the local file a transfer reads or writes, with its sentence. */
    private static final class LocalFile extends UncheckedIOException {
        private static final long serialVersionUID = 1L;

        LocalFile(String what, Path file, IOException e) {
            super("cannot " + what + " " + file + " (" + IoReason.of(e) + ")", e);
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.1f s", ms / 1e3);
    }

    /** Formats a byte count as people read it: 900 B, 1.2 MB (decimal units). */
    static String bytes(long n) {
        if (n < 1000) return n + " B";
        if (n < 1_000_000) return String.format(Locale.ROOT, "%.1f kB", n / 1e3);
        if (n < 1_000_000_000) return String.format(Locale.ROOT, "%.1f MB", n / 1e6);
        return String.format(Locale.ROOT, "%.1f GB", n / 1e9);
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // the download already failed; that failure is the one to report
        }
    }

    /** How far the last attempt of one transfer got. */
    private static final class Transfer {
        final boolean up;
        final AtomicLong done = new AtomicLong();
        volatile boolean bodyFailed; // the last attempt failed while its body was moving
        volatile long total = -1; // -1: unknown

        Transfer(boolean up) {
            this.up = up;
        }

        private long furthest;

        synchronized void attempt(long length) {
            furthest = Math.max(furthest, done.get());
            total = length;
            done.set(0);
        }

        /** The most bytes any attempt moved. */
        synchronized long best() {
            return Math.max(furthest, done.get());
        }

        String progress() {
            return bytes(best()) + (total >= 0 ? " of " + bytes(total) : "");
        }
    }

    /** A body shorter than its Content-Length. */
    private static final class CutShort extends IOException {
        private static final long serialVersionUID = 1L;

        CutShort() {
            super("the body ended before its Content-Length");
        }
    }

    /** Counts the bytes the client has taken from a file. */
    private static final class Counting extends FilterInputStream {
        private final AtomicLong count;

        Counting(InputStream in, AtomicLong count) {
            super(in);
            this.count = count;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) count.incrementAndGet();
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) count.addAndGet(n);
            return n;
        }
    }
}
