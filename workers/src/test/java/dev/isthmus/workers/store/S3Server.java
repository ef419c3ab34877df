package dev.isthmus.workers.store;

import java.net.URI;
import java.util.Properties;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3 server in the test JVM (s3proxy over an in-memory blob store), with the system properties
 * that point {@link S3Remote#fromEnvironment} at it.
 */
public final class S3Server implements AutoCloseable {
    public static final String ACCESS = "isthmus-test";
    public static final String SECRET = "isthmus-test-secret";

    private final S3Proxy proxy;
    private final BlobStoreContext context;
    private final URI endpoint;

    public S3Server() throws Exception {
        this("127.0.0.1");
    }

    /** A server listening on {@code host} (an address pods can reach, for a cluster test). */
    public S3Server(String host) throws Exception {
        Properties props = new Properties();
        context =
                ContextBuilder.newBuilder("transient")
                        .credentials("identity", "credential")
                        .overrides(props)
                        .build(BlobStoreContext.class);
        proxy =
                S3Proxy.builder()
                        .blobStore(context.getBlobStore())
                        .endpoint(URI.create("http://" + host + ":0"))
                        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS, SECRET)
                        .build();
        proxy.start();
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!"STARTED".equals(proxy.getState())) {
            if (System.nanoTime() > deadline) throw new IllegalStateException("s3proxy: no start");
            Thread.sleep(10);
        }
        endpoint = URI.create("http://" + host + ":" + proxy.getPort());
        System.setProperty("isthmus.s3.endpoint", endpoint.toString());
        System.setProperty("aws.accessKeyId", ACCESS);
        System.setProperty("aws.secretAccessKey", SECRET);
        System.setProperty("aws.region", "us-east-1");
    }

    /** Where the server answers, e.g. {@code http://127.0.0.1:40123}. */
    public URI endpoint() {
        return endpoint;
    }

    /** A client for the test's own checks (creating buckets, listing keys). */
    public S3Client client() {
        return S3Client.builder()
                .httpClient(UrlConnectionHttpClient.create())
                .endpointOverride(endpoint)
                .forcePathStyle(true)
                .region(Region.US_EAST_1)
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .credentialsProvider(
                        StaticCredentialsProvider.create(
                                AwsBasicCredentials.create(ACCESS, SECRET)))
                .build();
    }

    public void createBucket(String name) {
        try (S3Client c = client()) {
            c.createBucket(r -> r.bucket(name));
        }
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
        System.clearProperty("isthmus.s3.endpoint");
    }
}
