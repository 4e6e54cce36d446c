package org.kafkaetl.cli;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.conf.Configured;
import org.apache.hadoop.util.Tool;
import org.apache.hadoop.util.ToolRunner;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Entry point of the job jar: {@code hadoop jar kafka-etl-job.jar <command>}. Hadoop's generic
 * options (-D, -conf, -fs, -jt) are taken by {@link ToolRunner} first; the rest goes to picocli.
 */
@Command(name = "kafka-etl", mixinStandardHelpOptions = true, version = "kafka-etl 0.1.0",
    description = "Hourly Kafka to HDFS ETL on Hadoop MapReduce.",
    subcommands = {RunCommand.class, RerunCommand.class, MergeCommand.class, StatusCommand.class, CleanupCommand.class, AuditCommand.class,
        RegisterCommand.class,
        CommandLine.HelpCommand.class})
public final class KafkaEtlMain extends Configured implements Tool {

  public static void main(String[] args) throws Exception {
    System.exit(ToolRunner.run(new Configuration(), new KafkaEtlMain(), args));
  }

  @Override
  public int run(String[] args) {
    CommandLine cli = commandLine(getConf());
    try {
      return cli.execute(args);
    } finally {
      // picocli's writers flush only on println; main() exits right after, so a command that
      // ended with print() would otherwise show nothing
      cli.getOut().flush();
      cli.getErr().flush();
    }
  }

  /** The command line with Hadoop's configuration handed to every subcommand. */
  public static CommandLine commandLine(Configuration hadoopConf) {
    CommandLine cli = new CommandLine(new KafkaEtlMain(), new CommandFactory(hadoopConf));
    cli.setExitCodeExceptionMapper(Errors::exitCode);
    cli.setExecutionExceptionHandler(Errors::handle);
    CommandLine.IParameterExceptionHandler standard = cli.getParameterExceptionHandler();
    cli.setParameterExceptionHandler((e, args) -> Errors.handleParseError(standard, e, args));
    return cli;
  }

  /** Builds subcommands that take the Hadoop configuration with it; picocli's default for the rest. */
  private record CommandFactory(Configuration hadoopConf) implements CommandLine.IFactory {
    @Override
    public <K> K create(Class<K> cls) throws Exception {
      try {
        return cls.cast(cls.getDeclaredConstructor(Configuration.class).newInstance(hadoopConf));
      } catch (NoSuchMethodException e) {
        return CommandLine.defaultFactory().create(cls);
      }
    }
  }
}
