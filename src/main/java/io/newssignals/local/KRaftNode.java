package io.newssignals.local;

import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Properties;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;

/**
 * Formats and runs a {@code kafka.server.KafkaRaftServer}.
 *
 * <p>Reached by reflection because {@code kafka_2.13} 4.3.1 declares the server modules it needs
 * ({@code kafka-metadata}, {@code kafka-server}, {@code kafka-server-common}) as runtime
 * dependencies: they are on the classpath when running, but not when compiling against it.
 */
final class KRaftNode {

  private final Object server;

  private KRaftNode(Object server) {
    this.server = server;
  }

  /**
   * Writes meta.properties and the bootstrap metadata into {@code dir}, as {@code kafka-storage
   * format --standalone=false} does, through {@code org.apache.kafka.metadata.storage.Formatter}
   * (which, unlike {@code kafka.tools.StorageTool.main}, never calls {@code System.exit}).
   */
  static void format(int nodeId, String dir, String controllerListener) throws Exception {
    Class<?> formatterClass = Class.forName("org.apache.kafka.metadata.storage.Formatter");
    Class<?> metadataVersion = Class.forName("org.apache.kafka.server.common.MetadataVersion");
    Object formatter = formatterClass.getConstructor().newInstance();
    call(formatterClass, formatter, "setPrintStream", PrintStream.class, new PrintStream(OutputStream.nullOutputStream()));
    call(formatterClass, formatter, "setNodeId", int.class, nodeId);
    call(formatterClass, formatter, "setClusterId", String.class, Uuid.randomUuid().toString());
    call(formatterClass, formatter, "addDirectory", String.class, dir);
    call(formatterClass, formatter, "setMetadataLogDirectory", String.class, dir);
    call(formatterClass, formatter, "setControllerListenerName", String.class, controllerListener);
    call(formatterClass, formatter, "setReleaseVersion", metadataVersion,
        metadataVersion.getField("LATEST_PRODUCTION").get(null));
    call(formatterClass, formatter, "run", null, null);
  }

  /** Validates {@code props} as a KafkaConfig and starts the node; returns once it is up. */
  static KRaftNode start(Properties props) throws Exception {
    Class<?> configClass = Class.forName("kafka.server.KafkaConfig");
    Object config = invoke(configClass.getMethod("fromProps", Properties.class, boolean.class), null, props, false);
    Class<?> serverClass = Class.forName("kafka.server.KafkaRaftServer");
    Object server;
    try {
      server = serverClass.getConstructor(configClass, Time.class).newInstance(config, Time.SYSTEM);
    } catch (InvocationTargetException e) {
      throw unwrap(e);
    }
    KRaftNode node = new KRaftNode(server);
    node.invokeServer("startup");
    return node;
  }

  /** Shuts the node down (controlled, as a broker leaving) and waits until it has stopped. */
  void shutdown() throws Exception {
    invokeServer("shutdown");
    invokeServer("awaitShutdown");
  }

  private void invokeServer(String method) throws Exception {
    invoke(server.getClass().getMethod(method), server);
  }

  private static void call(Class<?> type, Object target, String name, Class<?> paramType, Object arg) throws Exception {
    if (paramType == null) {
      invoke(type.getMethod(name), target);
    } else {
      invoke(type.getMethod(name, paramType), target, arg);
    }
  }

  private static Object invoke(Method method, Object target, Object... args) throws Exception {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw unwrap(e);
    }
  }

  private static Exception unwrap(InvocationTargetException e) {
    Throwable cause = e.getCause();
    if (cause instanceof Exception) {
      return (Exception) cause;
    }
    if (cause instanceof Error) {
      throw (Error) cause;
    }
    return e;
  }
}
