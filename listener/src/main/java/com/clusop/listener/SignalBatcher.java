package com.clusop.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Driver-side aggregation of fallback signals, deduplicated by the core's {@code signature}: per
 * signature a count, total runtime, total modeled waste, first/last seen, and a sample (the first
 * plan seen, its analysis and the request that produced it, so the CLI can reproduce it).
 *
 * <p>Bounded: at most {@link #MAX_SIGNATURES} signatures; plans of further new shapes are
 * counted in {@link #overflow()} only. Thread-safe.
 */
final class SignalBatcher {

  static final String SCHEMA = "clusop.signal/1";
  static final int MAX_SIGNATURES = 1000;

  /** Fields every signal of this application shares. */
  interface Header {
    void fill(ObjectNode signal);
  }

  private static final class Entry {
    final String signature;
    final JsonNode analysis;
    final ObjectNode sample;
    long count;
    double totalRuntimeSeconds;
    double totalWasteUsd;
    long pricedRuns;
    long firstSeen;
    long lastSeen;
    boolean dirty;

    Entry(String signature, JsonNode analysis, ObjectNode sample) {
      this.signature = signature;
      this.analysis = analysis;
      this.sample = sample;
    }
  }

  private final int maxSamplePlanChars;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long overflow;

  SignalBatcher(int maxSamplePlanChars) {
    this.maxSamplePlanChars = maxSamplePlanChars;
  }

  /** One fallback plan. {@code requestWithoutPlan} is the request minus its "plan" field. */
  synchronized void add(JsonNode analysis, PlanEvent e, String plan, ObjectNode requestWithoutPlan) {
    String signature = analysis.path("signature").asText("");
    if (signature.isEmpty()) signature = "unsigned";
    Entry en = entries.get(signature);
    if (en == null) {
      if (entries.size() >= MAX_SIGNATURES) {
        overflow++;
        return;
      }
      en = new Entry(signature, analysis, sample(e, plan, requestWithoutPlan));
      en.firstSeen = e.seenAtMillis;
      entries.put(signature, en);
    }
    en.count++;
    en.totalRuntimeSeconds += e.runtimeSeconds();
    JsonNode usd = analysis.path("waste").path("usd");
    if (usd.isNumber()) {
      en.totalWasteUsd += usd.asDouble();
      en.pricedRuns++;
    }
    en.lastSeen = Math.max(en.lastSeen, e.seenAtMillis);
    en.dirty = true;
  }

  private ObjectNode sample(PlanEvent e, String plan, ObjectNode requestWithoutPlan) {
    ObjectNode s = JsonNodeFactory.instance.objectNode();
    s.put("func_name", e.funcName);
    s.put("seen_at", Instant.ofEpochMilli(e.seenAtMillis).toString());
    s.put("runtime_seconds", e.runtimeSeconds());
    String p = plan == null ? "" : plan;
    boolean truncated = p.length() > maxSamplePlanChars;
    if (truncated) {
      int cut = maxSamplePlanChars;
      if (cut > 0 && Character.isHighSurrogate(p.charAt(cut - 1))) cut--;
      p = p.substring(0, cut);
    }
    s.put("plan_chars", plan == null ? 0 : plan.length());
    s.put("plan_truncated", truncated);
    s.put("plan", p);
    s.set("request", requestWithoutPlan);
    return s;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long overflow() {
    return overflow;
  }

  synchronized long totalCount() {
    long n = 0;
    for (Entry e : entries.values()) n += e.count;
    return n;
  }

  /**
   * The signals to write now: those changed since the last drain, or all of them when
   * {@code all} (the final flush). Marks them clean.
   */
  synchronized List<ObjectNode> drain(boolean all, Header header, long dropped, long seq, boolean fin) {
    List<ObjectNode> out = new ArrayList<>();
    String at = Instant.now().toString();
    for (Entry en : entries.values()) {
      if (!all && !en.dirty) continue;
      en.dirty = false;
      ObjectNode s = JsonNodeFactory.instance.objectNode();
      s.put("schema", SCHEMA);
      s.put("signature", en.signature);
      header.fill(s);
      s.put("cause", en.analysis.path("verdict").path("cause").asText(null));
      s.put("count", en.count);
      s.put("total_runtime_seconds", round(en.totalRuntimeSeconds, 6));
      if (en.pricedRuns > 0) s.put("total_waste_usd", round(en.totalWasteUsd, 6)); else s.putNull("total_waste_usd");
      s.put("priced_runs", en.pricedRuns);
      s.put("first_seen", Instant.ofEpochMilli(en.firstSeen).toString());
      s.put("last_seen", Instant.ofEpochMilli(en.lastSeen).toString());
      s.put("dropped", dropped);
      ObjectNode flush = s.putObject("flush");
      flush.put("seq", seq);
      flush.put("final", fin);
      flush.put("at", at);
      s.set("sample", en.sample);
      s.set("analysis", en.analysis);
      out.add(s);
    }
    return out;
  }

  private static double round(double v, int digits) {
    double f = Math.pow(10, digits);
    return Math.round(v * f) / f;
  }
}
