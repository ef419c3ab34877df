package dev.isthmus.cli;

import dev.isthmus.api.validation.SpecException;
import dev.isthmus.workers.exec.Errors;
import picocli.CommandLine;

/**
 * Prints one line per error to stderr (a spec's problems one per line), the stack trace only with
 * {@code --errors}, and maps bad input (including a diverged training, which a retry would repeat)
 * to exit code 2 and other failures to 1.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(
            Exception ex, CommandLine cmd, CommandLine.ParseResult parsed) {
        var err = cmd.getErr();
        if (ex instanceof SpecException) {
            err.println("isthmus: " + ex.getMessage());
        } else {
            err.println("isthmus: " + Errors.oneLine(ex));
        }
        if (wantsTrace(cmd.getParseResult()) || wantsTrace(parsed)) ex.printStackTrace(err);
        err.flush();
        return Errors.badInput(ex) ? IsthmusCommand.BAD_INPUT : IsthmusCommand.FAILED;
    }

    private static boolean wantsTrace(CommandLine.ParseResult parsed) {
        for (var p = parsed; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--errors")) return true;
        }
        return false;
    }
}
