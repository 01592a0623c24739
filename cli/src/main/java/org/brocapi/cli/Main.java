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
            int rc = ZeekCommand.run(List.of(Arrays.copyOfRange(args, 1, args.length)), System.out, System.err);
            // success returns normally: System.exit starts the JDK's logging (Runtime.exit is logged
            // since JDK 21), a few ms in every conformance run; the analysis leaves no thread behind
            if (rc != 0) System.exit(rc);
            return;
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
