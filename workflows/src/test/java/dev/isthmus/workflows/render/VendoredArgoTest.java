package dev.isthmus.workflows.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vendored Argo v3.7.18 files are present, with their licence, and unmodified. */
class VendoredArgoTest {

    @Test
    void everyVendoredFileMatchesItsRecordedDigest() throws Exception {
        List<String> lines = lines("/argo/SHA256SUMS");
        assertEquals(4, lines.size(), "SHA256SUMS lists the schema and three CRDs");
        for (String line : lines) {
            String[] parts = line.split("\\s+", 2);
            assertEquals(parts[0], sha256("/argo/" + parts[1]), parts[1]);
        }
        assertNotNull(ArgoSchema.class.getResource("/argo/LICENSE"), "Argo's licence");
    }

    private static List<String> lines(String resource) throws IOException {
        try (InputStream in = ArgoSchema.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    private static String sha256(String resource) throws IOException, NoSuchAlgorithmException {
        try (InputStream in = ArgoSchema.class.getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(in.readAllBytes()));
        }
    }
}
