package com.clusop.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The bounded queue between Spark's listener thread and ONE daemon thread that calls the native
 * core, hands fallback runs to the {@link SignalBatcher} (which the core merges) and runs the
 * periodic flush.
 *
 * <p>Spark's thread only {@link #offer}s (never blocks: a full queue drops the plan and counts
 * it). Everything on the daemon thread is caught: a failing analysis is counted, never thrown.
 */
final class Dispatcher implements Runnable {

  /** One analysed plan, as the test hook sees it. */
  static final class Analysed {
    final PlanEvent event;
    final String plan;
    final byte[] request;
    final byte[] answer;
    final JsonNode analysis;
    final boolean signalled;

    Analysed(PlanEvent event, String plan, byte[] request, byte[] answer, JsonNode analysis, boolean signalled) {
      this.event = event;
      this.plan = plan;
      this.request = request;
      this.answer = answer;
      this.analysis = analysis;
      this.signalled = signalled;
    }
  }

  private final Settings settings;
  private final ClusterContext cluster;
  private final SignalBatcher batcher;
  private final Runnable periodicFlush;
  private final ObjectMapper mapper;
  private final ArrayBlockingQueue<PlanEvent> queue;
  private final AtomicLong pending = new AtomicLong();
  private volatile boolean stopped;
  private Thread thread;

  // counters (all plans since start)
  final AtomicLong submitted = new AtomicLong();
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong analysed = new AtomicLong();
  final AtomicLong clean = new AtomicLong();
  final AtomicLong fallbacks = new AtomicLong();
  final AtomicLong belowThreshold = new AtomicLong();
  final AtomicLong errors = new AtomicLong();
  volatile String lastError;
  /** The application id, for the live feed's records (set by the agent). */
  volatile String appId;

  /** Time on Spark's listener thread per plan (tree string + offer), ns. */
  final LongRing listenerNanos = new LongRing(8192);
  /** Time on the dispatcher thread per plan (request, native call, parse, batch), ns. */
  final LongRing processNanos = new LongRing(8192);

  Dispatcher(Settings settings, ClusterContext cluster, SignalBatcher batcher, ObjectMapper mapper, Runnable periodicFlush) {
    this.settings = settings;
    this.cluster = cluster;
    this.batcher = batcher;
    this.mapper = mapper;
    this.periodicFlush = periodicFlush;
    this.queue = new ArrayBlockingQueue<>(settings.queueSize);
  }

  synchronized void start() {
    if (thread != null) return;
    thread = new Thread(this, "clusop-dispatcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** Cheap pre-check so a full queue costs no tree string. */
  boolean full() {
    return queue.remainingCapacity() == 0;
  }

  /** Never blocks. False (and counted) when the queue is full or stopped. */
  boolean offer(PlanEvent e) {
    if (stopped) {
      dropped.incrementAndGet();
      return false;
    }
    pending.incrementAndGet();
    if (!queue.offer(e)) {
      pending.decrementAndGet();
      dropped.incrementAndGet();
      return false;
    }
    submitted.incrementAndGet();
    return true;
  }

  /** Waits (bounded) until every queued plan is processed. True if idle. */
  boolean awaitIdle(long timeoutMs) {
    long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    while (pending.get() > 0) {
      if (System.nanoTime() >= deadline || thread == null || !thread.isAlive()) return pending.get() == 0;
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  void stop() {
    stopped = true;
    Thread t = thread;
    if (t != null) t.interrupt();
  }

  int queued() {
    return queue.size();
  }

  /** After {@link #stop}: plans still queued are given up, and counted as dropped. */
  int abandon() {
    int n = 0;
    while (queue.poll() != null) {
      n++;
      pending.decrementAndGet();
    }
    dropped.addAndGet(n);
    return n;
  }

  @Override
  public void run() {
    final long interval = TimeUnit.MILLISECONDS.toNanos(settings.flushIntervalMs);
    long nextFlush = System.nanoTime() + interval;
    while (!stopped) {
      try {
        long wait = nextFlush - System.nanoTime();
        PlanEvent e = wait > 0 ? queue.poll(wait, TimeUnit.NANOSECONDS) : queue.poll();
        if (e != null) {
          try {
            process(e);
          } finally {
            pending.decrementAndGet();
          }
        }
        if (System.nanoTime() - nextFlush >= 0) {
          nextFlush = System.nanoTime() + interval;
          periodicFlush.run();
        }
      } catch (InterruptedException ie) {
        // stop() or a stray interrupt: the loop condition decides
      } catch (Throwable t) {
        errors.incrementAndGet();
        lastError = "dispatcher: " + t;
      }
    }
  }

  /** Analyses one plan; never throws. */
  void process(PlanEvent e) {
    final long t0 = System.nanoTime();
    try {
      String plan = e.plan;
      UnaryOperator<String> rewrite = TestHooks.planRewrite;
      if (rewrite != null) plan = rewrite.apply(plan);
      ObjectNode request = request(plan, e.runtimeSeconds());
      byte[] requestBytes = mapper.writeValueAsBytes(request);
      Analyzer analyzer = TestHooks.analyzer;
      if (analyzer == null) analyzer = Analyzer.NATIVE;
      byte[] answer;
      try {
        answer = analyzer.analyze(requestBytes);
      } catch (Throwable t) {
        fail("analysis threw " + t);
        return;
      }
      if (answer == null) {
        fail("analysis returned no answer");
        return;
      }
      JsonNode analysis;
      try {
        analysis = mapper.readTree(answer);
      } catch (Throwable t) {
        fail("analysis answer is not JSON: " + t.getMessage());
        return;
      }
      if (analysis == null || !analysis.isObject() || analysis.has("error")) {
        fail("analysis error: " + (analysis == null ? "empty answer" : analysis.path("error").toString()));
        return;
      }
      analysed.incrementAndGet();
      if (ListenerFeed.active()) {
        ObjectNode withoutPlan = request.deepCopy();
        withoutPlan.remove("plan");
        ListenerFeed.offer(appId, e, plan, withoutPlan, answer);
      }
      boolean signalled = false;
      if (analysis.path("has_fallback").asBoolean(false)) {
        fallbacks.incrementAndGet();
        if (passes(analysis)) {
          request.remove("plan");
          String signature = analysis.path("signature").asText("");
          batcher.add(signature.isEmpty() ? "unsigned" : signature, answer, e, plan, request);
          signalled = true;
        } else {
          belowThreshold.incrementAndGet();
        }
      } else {
        clean.incrementAndGet();
      }
      Consumer<Analysed> hook = TestHooks.onAnalysed;
      if (hook != null) hook.accept(new Analysed(e, plan, requestBytes, answer, analysis, signalled));
    } catch (Throwable t) {
      fail("dispatcher: " + t);
    } finally {
      processNanos.add(System.nanoTime() - t0);
    }
  }

  private void fail(String why) {
    errors.incrementAndGet();
    lastError = why.length() > 500 ? why.substring(0, 500) + "..." : why;
  }

  /** The clusop request for one plan (see core/include/clusop/clusop.h). */
  ObjectNode request(String plan, double runtimeSeconds) {
    ObjectNode r = mapper.createObjectNode();
    r.put("plan", plan);
    cluster.fill(r, runtimeSeconds);
    return r;
  }

  private boolean passes(JsonNode analysis) {
    double weight = analysis.path("fallback_weight").asDouble(0.0);
    if (weight < settings.minFallbackWeight) return false;
    if (settings.minWasteUsd > 0) {
      JsonNode usd = analysis.path("waste").path("usd");
      // an unpriced fallback (no node type, not Photon...) is never suppressed by the waste floor
      if (usd.isNumber() && usd.asDouble() < settings.minWasteUsd) return false;
    }
    return true;
  }
}
