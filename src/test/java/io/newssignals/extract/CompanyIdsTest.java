package io.newssignals.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CompanyIdsTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', textBlock = """
      Mistral AI            | mistral
      Mistral               | mistral
      MISTRAL AI SAS        | mistral
      Northwind Robotics Inc. | northwind-robotics
      Acme Labs, Inc        | acme
      Telefónica S.A.       | telefonica
      Cabify SL             | cabify
      Aleph Alpha GmbH      | aleph-alpha
      Hugging Face          | hugging-face
      DeepMind Technologies Ltd | deepmind
      Ñandú Tech            | nandu
      AT&T                  | at-and-t
      AI                    | ''
      """)
  void normalises(String name, String id) {
    assertEquals(id, CompanyIds.normalise(name));
  }
}
