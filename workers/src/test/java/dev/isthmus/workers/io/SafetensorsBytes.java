package dev.isthmus.workers.io;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Builds safetensors files byte by byte from the format definition, for tests. */
final class SafetensorsBytes {
    private SafetensorsBytes() {}

    /** A file with header {@code json} (unpadded) followed by {@code dataBytes} zero bytes. */
    static byte[] file(String json, int dataBytes) {
        byte[] header = json.getBytes(StandardCharsets.UTF_8);
        return file(header.length, header, new byte[dataBytes]);
    }

    /** The 8-byte little-endian {@code declaredLength}, then {@code header}, then {@code data}. */
    static byte[] file(long declaredLength, byte[] header, byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(
                ByteBuffer.allocate(8)
                        .order(ByteOrder.LITTLE_ENDIAN)
                        .putLong(declaredLength)
                        .array());
        out.writeBytes(header);
        out.writeBytes(data);
        return out.toByteArray();
    }

    /** Bytes from hex digits, ignoring spaces: {@code "00 00 80 3f"}. */
    static byte[] hex(String digits) {
        return HexFormat.of().parseHex(digits.replace(" ", ""));
    }
}
