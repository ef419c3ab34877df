package dev.isthmus.cli;

import dev.isthmus.workflows.render.RetryPolicy;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The root command; exit codes are 0 ok, 1 failure, 2 bad input. */
@Command(
        name = "isthmus",
        mixinStandardHelpOptions = true,
        scope = CommandLine.ScopeType.INHERIT, // every subcommand answers --help and --version
        version = "isthmus 0.1.0",
        description = "Measure mode connectivity between trained neural networks.",
        subcommands = {
            RunCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            TaskCommand.class,
            RenderCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            AlignCommand.class,
            MergeCommand.class,
            CompareCommand.class,
            InspectCommand.class,
            ReportCommand.class,
            BenchCommand.class,
            CommandLine.HelpCommand.class
        })
public final class IsthmusCommand {
    public static final int OK = 0;
    public static final int FAILED = 1;
    public static final int BAD_INPUT = 2;

    /**
     * {@code isthmus task}: this attempt had too little memory (the pod's limit is below the task's
     * estimate, or the Java heap ran out). Argo retries it, with more memory when the spec sets
     * {@code execution.resources.maxMemory}, as after a kill for memory (137).
     */
    public static final int OUT_OF_MEMORY = RetryPolicy.OUT_OF_MEMORY;

    @Option(
            names = "--errors",
            scope = CommandLine.ScopeType.INHERIT,
            description = "Print stack traces of errors.")
    boolean errors;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns its exit code (used by tests too). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new IsthmusCommand());
        cli.setExecutionExceptionHandler(new ErrorHandler());
        cli.setParameterExceptionHandler(
                (ex, a) -> {
                    CommandLine bad = ex.getCommandLine();
                    bad.getErr()
                            .println(
                                    "isthmus: "
                                            + ex.getMessage()
                                            + " (see '"
                                            + bad.getCommandSpec().qualifiedName()
                                            + " --help')");
                    return BAD_INPUT;
                });
        return cli.execute(args);
    }
}
