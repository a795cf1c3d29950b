package com.clusop.listener;

/** One successful query, as taken on Spark's listener thread and queued for the dispatcher. */
final class PlanEvent {
  final String funcName;
  final String plan;
  final long durationNs;
  final long seenAtMillis;
  /** The SparkSession's sessionUUID, for the live feed (null when nobody reads the feed). */
  final String session;

  PlanEvent(String funcName, String plan, long durationNs, long seenAtMillis) {
    this(funcName, plan, durationNs, seenAtMillis, null);
  }

  PlanEvent(String funcName, String plan, long durationNs, long seenAtMillis, String session) {
    this.funcName = funcName;
    this.plan = plan;
    this.durationNs = durationNs;
    this.seenAtMillis = seenAtMillis;
    this.session = session;
  }

  double runtimeSeconds() {
    return durationNs > 0 ? durationNs / 1e9 : 0.0;
  }
}
