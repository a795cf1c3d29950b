package com.clusop.listener;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Captures what the listener logs (logger "com.clusop.listener") through Spark's log4j2. */
final class LogCapture implements AutoCloseable {

  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final AbstractAppender appender;
  private final LoggerConfig loggerConfig;

  LogCapture() {
    LoggerContext ctx = (LoggerContext) LogManager.getContext(false);
    Configuration config = ctx.getConfiguration();
    appender = new AbstractAppender("clusop-capture", null, null, true, Property.EMPTY_ARRAY) {
      @Override
      public void append(LogEvent e) {
        lines.add(e.getLevel() + " " + e.getMessage().getFormattedMessage());
      }
    };
    appender.start();
    config.addAppender(appender);
    loggerConfig = config.getLoggerConfig("com.clusop.listener");
    loggerConfig.addAppender(appender, null, null);
    ctx.updateLoggers();
  }

  List<String> lines() {
    return List.copyOf(lines);
  }

  List<String> matching(String needle) {
    return lines.stream().filter(l -> l.contains(needle)).collect(Collectors.toList());
  }

  @Override
  public void close() {
    loggerConfig.removeAppender(appender.getName());
    appender.stop();
    ((LoggerContext) LogManager.getContext(false)).updateLoggers();
  }
}
