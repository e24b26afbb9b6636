package io.newssignals.cli;

import java.lang.annotation.Annotation;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.lang.reflect.Field;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * One rule for every command's numbers: an option whose value is a number (counts, sizes, rates,
 * seconds, milliseconds) or a {@link Duration} must be positive, or zero or more where its field
 * is marked {@link ZeroAllowed}; a number must also be at most {@value #MAX_NUMBER} (a longer
 * count of seconds would overflow once turned into nanoseconds, and no count or size here needs
 * more), and a port, marked {@link Port}, 0 to {@value #MAX_PORT}. Checked after parsing and
 * before the command runs, on the values
 * given and on the defaults (which may come from the environment); a value out of range is a usage
 * error, exit code {@link ExitCodes#USAGE}, with a message naming the option, e.g. {@code Invalid
 * value for option '--timeout': must be positive, got -5}.
 */
final class PositiveOptions {

  /** Marks an option for which zero means something (port 0: any free port; PT0S: turned off). */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface ZeroAllowed {}

  /** Marks a TCP port option: 0 (any free port) to {@value #MAX_PORT}. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.FIELD)
  @interface Port {}

  /** Largest value of any numeric option: {@link Integer#MAX_VALUE}. */
  static final long MAX_NUMBER = Integer.MAX_VALUE;

  /** Largest TCP port. */
  static final int MAX_PORT = 65_535;

  private PositiveOptions() {}

  /** @return a strategy that checks every numeric option of the commands parsed, then runs {@code next} */
  static IExecutionStrategy checkedBefore(IExecutionStrategy next) {
    return parseResult -> {
      if (!helpRequested(parseResult)) {
        for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
          check(command);
        }
      }
      return next.execute(parseResult);
    };
  }

  /** Help and version print and exit whatever the other options say, as picocli does. */
  private static boolean helpRequested(ParseResult parseResult) {
    for (ParseResult command = parseResult; command != null; command = command.subcommand()) {
      if (command.isUsageHelpRequested() || command.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  private static void check(ParseResult command) {
    CommandLine commandLine = command.commandSpec().commandLine();
    for (OptionSpec option : command.commandSpec().options()) {
      Object value = option.getValue();
      boolean port = isMarked(option, Port.class);
      boolean zeroAllowed = port || isMarked(option, ZeroAllowed.class);
      int sign;
      if (value instanceof Number number) {
        long max = port ? MAX_PORT : MAX_NUMBER;
        if (number.doubleValue() > max) {
          throw new ParameterException(commandLine, "Invalid value for option '" + option.longestName()
              + "': must be at most " + max + ", got " + value);
        }
        sign = (int) Math.signum(number.doubleValue());
      } else if (value instanceof Duration duration) {
        sign = duration.isNegative() ? -1 : duration.isZero() ? 0 : 1;
      } else {
        continue;
      }
      if (sign < 0 || (sign == 0 && !zeroAllowed)) {
        throw new ParameterException(commandLine, "Invalid value for option '" + option.longestName()
            + "': must be " + (zeroAllowed ? "0 or more" : "positive") + ", got " + value);
      }
    }
  }

  private static boolean isMarked(OptionSpec option, Class<? extends Annotation> mark) {
    return option.userObject() instanceof Field field && field.isAnnotationPresent(mark);
  }
}
