package org.kafkaetl.mapreduce.job;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.mapreduce.MRJobConfig;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * What the job needs on a Kerberos cluster. Map tasks hold no Kerberos ticket, only the HDFS
 * delegation tokens the client obtained at submission, as the submitting user. Hadoop's
 * FileOutputFormat obtains one for the output path in checkOutputSpecs, which EtlOutputFormat
 * replaces; so the work root is named in {@value MRJobConfig#JOB_NAMENODES}, from which
 * JobSubmitter obtains tokens (a no-op without security). The warehouse is written only by the
 * client (merge), under the user's own login, so tasks get no token for it.
 */
final class JobCredentials {
  private JobCredentials() {}

  static void configure(Configuration jobConf, String workRoot, Map<String, String> environment) {
    requestTokenFor(jobConf, workRoot);
    inheritLauncherTokens(jobConf, environment);
  }

  /** Keeps servers already listed (e.g. with -D), adds the work root's file system once. */
  private static void requestTokenFor(Configuration jobConf, String root) {
    Set<String> servers = new LinkedHashSet<>(jobConf.getTrimmedStringCollection(MRJobConfig.JOB_NAMENODES));
    servers.add(root);
    jobConf.setStrings(MRJobConfig.JOB_NAMENODES, servers.toArray(String[]::new));
  }

  /**
   * Inside an Oozie launcher the client itself has only delegation tokens (in the file the
   * environment names), and a NameNode issues no new token against a token. Handing that file to
   * the job lets JobSubmitter reuse the tokens instead of failing to obtain fresh ones.
   */
  private static void inheritLauncherTokens(Configuration jobConf, Map<String, String> environment) {
    String tokenFile = environment.get(UserGroupInformation.HADOOP_TOKEN_FILE_LOCATION);
    if (tokenFile != null && jobConf.get(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY) == null) {
      jobConf.set(MRJobConfig.MAPREDUCE_JOB_CREDENTIALS_BINARY, tokenFile);
    }
  }
}
