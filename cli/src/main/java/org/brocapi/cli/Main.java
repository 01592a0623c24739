package org.brocapi.cli;

import java.util.Arrays;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code brocapi} command: one subcommand per class. */
@Command(name = "brocapi", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        subcommands = {
            AnalyzeCommand.class,
            ServeCommand.class,
            WorkerCommand.class,
            SubmitCommand.class,
            JobsCommand.class,
            LogsCommand.class,
        },
        description = "PCAPs in, Zeek logs out, delivered to syslog.%nAlso: brocapi zeek [-b] [-C] -r FILE [SCRIPT…]")
public final class Main {
    public static void main(String[] args) {
        // zeek's command line is not picocli's: hand it over untouched
        if (args.length > 0 && args[0].equals("zeek")) {
            System.exit(ZeekCommand.run(List.of(Arrays.copyOfRange(args, 1, args.length)), System.out, System.err));
        }
        System.exit(new CommandLine(new Main()).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"brocapi " + Versions.brocapi() + " (Zeek " + ZeekCommand.ZEEK_VERSION + " log compatible)"};
        }
    }
}
