package dev.isthmus.workers.report;

import java.nio.charset.StandardCharsets;

/** Writes every curve as rows {@code a,b,alignment,path,alpha,loss,accuracy}. */
public final class CurvesCsv {
    private CurvesCsv() {}

    public static byte[] render(Results results) {
        StringBuilder sb = new StringBuilder("a,b,alignment,path,alpha,loss,accuracy\n");
        for (Results.CurveResult c : results.curves()) {
            for (int i = 0; i < c.alphas().length; i++) {
                sb.append(c.a()).append(',').append(c.b()).append(',');
                sb.append(c.alignment()).append(',').append(c.path()).append(',');
                sb.append(c.alphas()[i]).append(',');
                sb.append(c.loss()[i]).append(',');
                sb.append(c.accuracy()[i]).append('\n');
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
