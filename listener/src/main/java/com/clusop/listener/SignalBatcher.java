package com.clusop.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Driver-side fallback signals, one per plan signature. The core merges (op "observe" of
 * clusop.signals/1: counts, runtime, waste, first/last seen, the sample) and stamps flushes (op
 * "flush"); this class only keeps each signature's latest signal, hands it back with the next
 * run, and remembers which changed since the last flush.
 *
 * <p>Bounded: at most {@link #MAX_SIGNATURES} signatures; plans of further new shapes are
 * counted in {@link #overflow()} only. Thread-safe.
 */
final class SignalBatcher {

  static final int MAX_SIGNATURES = 1000;

  private static final byte[] OBSERVE = "{\"op\":\"observe\",\"signal\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] ANALYSIS = ",\"analysis\":".getBytes(StandardCharsets.UTF_8);
  private static final byte[] NULL = "null".getBytes(StandardCharsets.UTF_8);

  private static final class Entry {
    JsonNode signal;
    boolean dirty;
  }

  private final int maxSamplePlanChars;
  private final SignalsCore core;
  private final ObjectMapper mapper;
  /** What a signature's first run also tells the core: the application and the Spark conf. */
  private final ObjectNode app;
  private final ObjectNode conf;
  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long overflow;
  private long count;

  SignalBatcher(int maxSamplePlanChars, SignalsCore core, ObjectMapper mapper, ObjectNode app, Map<String, String> conf) {
    this.maxSamplePlanChars = maxSamplePlanChars;
    this.core = core;
    this.mapper = mapper;
    this.app = app;
    this.conf = mapper.createObjectNode();
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (ClusterContext.passedToCore(e.getKey()) && e.getValue() != null) this.conf.put(e.getKey(), e.getValue());
    }
  }

  /**
   * One fallback run: {@code analysis} is the core's answer for it (bytes, as returned),
   * {@code requestWithoutPlan} the request minus its "plan". Throws when the core refuses.
   */
  synchronized void add(String signature, byte[] analysis, PlanEvent e, String plan, ObjectNode requestWithoutPlan)
      throws Exception {
    Entry en = entries.get(signature);
    if (en == null && entries.size() >= MAX_SIGNATURES) {
      overflow++;
      return;
    }
    ObjectNode rest = mapper.createObjectNode();
    ObjectNode run = rest.putObject("run");
    run.put("func_name", e.funcName);
    run.put("seen_at", Instant.ofEpochMilli(e.seenAtMillis).toString());
    run.put("runtime_seconds", e.runtimeSeconds());
    if (en == null) {
      rest.set("app", app);
      rest.set("conf", conf);
      rest.put("plan", plan == null ? "" : plan);
      rest.set("request", requestWithoutPlan);
      rest.put("max_plan_chars", maxSamplePlanChars);
    }
    // {"op":"observe","signal":<prior>,"analysis":<answer>,<rest without its "{">
    byte[] tail = mapper.writeValueAsBytes(rest);
    byte[] prior = en == null ? NULL : mapper.writeValueAsBytes(en.signal);
    ByteArrayOutputStream req = new ByteArrayOutputStream(OBSERVE.length + prior.length + analysis.length + tail.length + 16);
    req.write(OBSERVE);
    req.write(prior);
    req.write(ANALYSIS);
    req.write(analysis);
    req.write(',');
    req.write(tail, 1, tail.length - 1);
    JsonNode signal = answer(core.call(req.toByteArray()), "observe").path("signal");
    if (!signal.isObject()) throw new IllegalStateException("the core's observe answer has no signal");
    if (en == null) {
      en = new Entry();
      entries.put(signature, en);
    }
    en.signal = signal;
    en.dirty = true;
    count++;
  }

  private JsonNode answer(byte[] bytes, String op) throws Exception {
    if (bytes == null) throw new IllegalStateException("the core gave no answer to " + op);
    JsonNode a = mapper.readTree(bytes);
    if (a == null || !a.isObject() || a.has("error")) {
      throw new IllegalStateException("the core refused " + op + ": " + (a == null ? "empty answer" : a.path("error")));
    }
    return a;
  }

  synchronized int size() {
    return entries.size();
  }

  synchronized long overflow() {
    return overflow;
  }

  /** Runs counted in the signals. */
  synchronized long totalCount() {
    return count;
  }

  /**
   * The batch ({@code clusop.signal_batch/1}) to write now, the core's stamps on it: the signals
   * changed since the last drain, or all of them when {@code all} (the final flush); null when
   * there is nothing to write. Marks them clean only once the core answered.
   */
  synchronized ObjectNode drain(boolean all, String appId, long dropped, long seq, boolean fin) throws Exception {
    ObjectNode req = mapper.createObjectNode();
    req.put("op", "flush");
    req.put("app_id", appId);
    req.put("seq", seq);
    req.put("final", fin);
    req.put("at", Instant.now().toString());
    req.put("dropped", dropped);
    ArrayNode signals = req.putArray("signals");
    for (Entry en : entries.values()) {
      if (all || en.dirty) signals.add(en.signal);
    }
    if (signals.isEmpty()) return null;
    JsonNode batch = answer(core.call(mapper.writeValueAsBytes(req)), "flush").path("batch");
    if (!batch.isObject()) throw new IllegalStateException("the core's flush answer has no batch");
    for (Entry en : entries.values()) en.dirty = false;
    return (ObjectNode) batch;
  }
}
