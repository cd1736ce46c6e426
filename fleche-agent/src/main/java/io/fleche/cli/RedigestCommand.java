package io.fleche.cli;

import io.fleche.Cache;
import io.fleche.Maintenance.RedigestResult;
import picocli.CommandLine.Command;

/**
 * {@code fleche redigest}: re-keys the stored calls ({@link Cache#redigest}) after the digest
 * format or the way keys are made changed (a Fleche upgrade): each call is loaded and digested
 * again, and stored under its new key if that changed. Running it again changes nothing. Values
 * left under old digests go at the next {@code gc}. A call that cannot be read (a warning names
 * it; an application class not on {@code --classpath}, or a broken entry {@code verify} finds) is
 * left as it is, and the command fails.
 */
@Command(
    name = "redigest",
    description = "Re-key the stored calls after a change of the digest format or of keys.")
final class RedigestCommand extends CliCommand {
  @Override
  public Integer call() {
    Cache cache = cli.cache();
    RedigestResult result = cli.maintain("redigest", cache::redigest);
    cli.out()
        .println(
            "Examined " + Values.count(result.examined(), "call") + " in " + cli.cacheLabel()
                + ": re-keyed " + result.rekeyed() + ", failed " + result.failed()
                + (result.rekeyed() == 0 ? "" : "; values under old digests go at the next gc"));
    if (result.failed() > 0) {
      throw new IllegalStateException(
          "Could not re-key " + Values.count(result.failed(), "call") + " (left unchanged)");
    }
    return 0;
  }
}
