package com.clusop.listener;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.Method;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * The live feed for in-process readers (clusop's notebook widget polls it over Py4J): a bounded
 * ring of the most recent analysed queries, clean ones included, each with its analysis (the
 * core's answer, verbatim), its request (without the plan) and its plan text.
 *
 * <p>It records nothing until a reader has polled ({@link #since} or {@link #head}) and stops
 * again when nobody has polled for {@link #IDLE_MS}: a listener nobody watches keeps no plans in
 * memory. Bounded by record count and by total plan characters; the oldest records go first.
 * Never throws into the listener.
 */
final class ListenerFeed {

  static final int MAX_RECORDS = 256;
  static final long MAX_TOTAL_PLAN_CHARS = 32L * 1024 * 1024;
  static final int MAX_PLAN_CHARS = 4 * 1024 * 1024;
  static final int MAX_PER_POLL = 64;
  static final long IDLE_MS = 10L * 60 * 1000;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ArrayDeque<ObjectNode> RING = new ArrayDeque<>();
  private static long seq;
  private static long totalPlanChars;
  private static volatile long lastPollMillis = Long.MIN_VALUE / 2;
  private static volatile Method sparkSessionMethod;
  private static volatile Method sessionUuidMethod;

  private ListenerFeed() {}

  /** True while somebody polls: only then is anything recorded. */
  static boolean active() {
    return System.currentTimeMillis() - lastPollMillis < IDLE_MS;
  }

  /**
   * The SparkSession's sessionUUID of a query, or null. Through reflection: the type of
   * {@code QueryExecution.sparkSession()} differs between Spark 3.5 and 4.0.
   */
  static String sessionId(Object queryExecution) {
    try {
      Method m = sparkSessionMethod;
      if (m == null) sparkSessionMethod = m = queryExecution.getClass().getMethod("sparkSession");
      Object session = m.invoke(queryExecution);
      if (session == null) return null;
      Method u = sessionUuidMethod;
      if (u == null) sessionUuidMethod = u = session.getClass().getMethod("sessionUUID");
      Object id = u.invoke(session);
      return id == null ? null : id.toString();
    } catch (Throwable t) {
      return null;
    }
  }

  /** Records one analysed query (on the dispatcher thread). Never throws. */
  static void offer(String appId, PlanEvent e, String plan, ObjectNode requestWithoutPlan, byte[] answer) {
    try {
      if (!active()) return;
      ObjectNode r = MAPPER.createObjectNode();
      r.put("time_ms", e.seenAtMillis);
      r.put("duration_s", e.runtimeSeconds());
      r.put("func", e.funcName);
      r.put("session", e.session);
      r.put("app_id", appId);
      r.set("request", requestWithoutPlan);
      r.put("analysis", new String(answer, java.nio.charset.StandardCharsets.UTF_8));
      boolean cut = plan.length() > MAX_PLAN_CHARS;
      String kept = cut ? plan.substring(0, MAX_PLAN_CHARS) : plan;
      r.put("plan", kept);
      r.put("plan_truncated", cut);
      synchronized (ListenerFeed.class) {
        r.put("seq", ++seq);
        RING.addLast(r);
        totalPlanChars += kept.length();
        while (RING.size() > MAX_RECORDS || (totalPlanChars > MAX_TOTAL_PLAN_CHARS && RING.size() > 1)) {
          ObjectNode old = RING.removeFirst();
          totalPlanChars -= old.path("plan").asText("").length();
        }
      }
    } catch (Throwable ignored) {
      // the feed is a convenience: never a reason for the listener to fail
    }
  }

  /** Records with seq greater than {@code after}, oldest first, at most {@link #MAX_PER_POLL}. */
  static String since(long after) {
    lastPollMillis = System.currentTimeMillis();
    ArrayNode out = MAPPER.createArrayNode();
    synchronized (ListenerFeed.class) {
      for (Iterator<ObjectNode> it = RING.iterator(); it.hasNext() && out.size() < MAX_PER_POLL; ) {
        ObjectNode r = it.next();
        if (r.path("seq").asLong() > after) out.add(r);
      }
    }
    try {
      return MAPPER.writeValueAsString(out);
    } catch (Exception ex) {
      return "[]";
    }
  }

  /** The last seq handed out (0 before any); also starts recording. */
  static synchronized long head() {
    lastPollMillis = System.currentTimeMillis();
    return seq;
  }
}
