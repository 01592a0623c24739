package org.brocapi.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code brocapi <command>}: add a subcommand by listing its class here. */
@Command(name = "brocapi", mixinStandardHelpOptions = true, version = "brocapi 2.0.0-SNAPSHOT",
        description = "Pcap analysis service: Zeek logs from pcaps, over HTTP, delivered to syslog.",
        subcommands = {
            ServeCommand.class,
            WorkerCommand.class,
            SubmitCommand.class,
            JobsCommand.class,
            LogsCommand.class,
            CommandLine.HelpCommand.class,
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(new CommandLine(new Main()).execute(args));
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.err);
    }
}
