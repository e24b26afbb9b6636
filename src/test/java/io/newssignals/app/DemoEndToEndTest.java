package io.newssignals.app;

import io.newssignals.testing.LocalStackExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@link SeedArticleScenario} on the local default: always runs, Docker or not. */
@ExtendWith(LocalStackExtension.class)
class DemoEndToEndTest {

  @Test
  void theSeedArticleBecomesItsThreeSignals() throws Exception {
    SeedArticleScenario.run(
        LocalStackExtension.bootstrapServers(), LocalStackExtension.schemaRegistryUrl());
  }
}
