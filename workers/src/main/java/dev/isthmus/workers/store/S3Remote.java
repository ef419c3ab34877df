package dev.isthmus.workers.store;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.core.sync.ResponseTransformer;
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
 */
public final class S3Remote implements Remote {
    private final S3Client s3;
    private final String bucket;
    private final String prefix; // "" or ending in "/"

    S3Remote(S3Client s3, String bucket, String prefix) {
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix.isEmpty() || prefix.endsWith("/") ? prefix : prefix + "/";
    }

    /** A client configured from the environment for {@code bucket}, keys under {@code prefix}. */
    public static S3Remote fromEnvironment(String bucket, String prefix) {
        S3ClientBuilder b =
                S3Client.builder()
                        .httpClient(UrlConnectionHttpClient.create())
                        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                        .region(Region.of(setting("AWS_REGION", "aws.region", "us-east-1")));
        String endpoint = setting("ISTHMUS_S3_ENDPOINT", "isthmus.s3.endpoint", null);
        if (endpoint != null) {
            b.endpointOverride(URI.create(endpoint)).forcePathStyle(true);
        }
        return new S3Remote(b.build(), bucket, prefix);
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
            throw failure("check", key, e);
        } catch (SdkException e) {
            throw failure("check", key, e);
        }
    }

    @Override
    public boolean download(String key, Path target) {
        try {
            Files.deleteIfExists(target);
            s3.getObject(
                    r -> r.bucket(bucket).key(prefix + key), ResponseTransformer.toFile(target));
            return true;
        } catch (NoSuchKeyException e) {
            return false;
        } catch (S3Exception e) {
            if (e.statusCode() == 404) return false;
            throw failure("download", key, e);
        } catch (SdkException | java.io.IOException e) {
            throw failure("download", key, e);
        }
    }

    @Override
    public void upload(String key, Path source) {
        try {
            s3.putObject(r -> r.bucket(bucket).key(prefix + key), RequestBody.fromFile(source));
        } catch (SdkException e) {
            throw failure("upload", key, e);
        }
    }

    @Override
    public void delete(String key) {
        try {
            s3.deleteObject(r -> r.bucket(bucket).key(prefix + key));
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    private StoreException failure(String action, String key, Exception e) {
        return new StoreException(
                String.format(
                        Locale.ROOT, "cannot %s %s: %s", action, describe(key), e.getMessage()),
                e);
    }
}
