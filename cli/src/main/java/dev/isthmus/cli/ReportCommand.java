package dev.isthmus.cli;

import dev.isthmus.workers.exec.Layout;
import dev.isthmus.workers.report.HtmlReport;
import dev.isthmus.workers.report.Results;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code isthmus report <run dir>}: writes a self-contained report.html for a finished run. */
@Command(name = "report", description = "Write report.html (plots, offline) for a run folder.")
final class ReportCommand implements Callable<Integer> {

    @Parameters(paramLabel = "RUN", description = "Run folder holding results.json.")
    Path run;

    @Option(names = "--out", description = "Where to write the report (default: RUN/report.html).")
    Path out;

    @Override
    public Integer call() throws Exception {
        Path results = run.resolve(Layout.RESULTS);
        if (!Files.isRegularFile(results))
            throw new NoSuchFileException(results + ": no results.json");
        Results r = Results.read(Files.readAllBytes(results), results.toString());
        Path target = out != null ? out : run.resolve(Layout.REPORT);
        Files.writeString(target, HtmlReport.render(r), StandardCharsets.UTF_8);
        System.out.println("report: " + target);
        return IsthmusCommand.OK;
    }
}
