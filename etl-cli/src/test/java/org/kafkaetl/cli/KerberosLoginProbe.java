package org.kafkaetl.cli;

import java.io.IOException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.security.UserGroupInformation;

/**
 * Started by the cron wrapper in {@link KerberosCronTest} in place of {@code hadoop jar}: logs in the
 * way Hadoop's client does on a Kerberos cluster (the login user, from the ticket cache named by
 * KRB5CCNAME) and prints who it is. A JVM of its own, because Hadoop's login state is JVM-wide.
 */
public final class KerberosLoginProbe {
  private KerberosLoginProbe() {}

  public static void main(String[] args) throws IOException {
    Configuration conf = new Configuration(false);
    conf.set("hadoop.security.authentication", "kerberos");
    UserGroupInformation.setConfiguration(conf);
    UserGroupInformation user = UserGroupInformation.getLoginUser();
    System.out.println("logged in as " + user.getUserName() + " auth:" + user.getAuthenticationMethod()
        + " ticket:" + user.hasKerberosCredentials());
  }
}
