package com.clusop.listener;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What the cluster is, as the core reads it from the Spark conf (op "context" of clusop.signals/1:
 * Databricks' usage tags, job ids and the spark.clusop.* settings, the one reader of them): the
 * pricing part of every analysis request, and the "cluster" object (with the cluster and job run
 * ids billing rows are matched by) every signal carries. Java only passes the conf along.
 */
final class ClusterContext {

  /** The Spark conf keys handed to the core: the core keeps the ones it reads. */
  static boolean passedToCore(String key) {
    return (key.startsWith("spark.clusop.") && !key.startsWith(Settings.HTTP_HEADER_PREFIX))
        || key.startsWith("spark.databricks.");
  }

  /** The analysis request without plan and runtime: engine, photon_enabled, cluster. */
  final ObjectNode request;
  /** The signal's "cluster" object. */
  final JsonNode cluster;
  /** spark.clusop.* cluster values the core ignored because they did not parse. */
  final List<String> problems;

  private ClusterContext(ObjectNode request, JsonNode cluster, List<String> problems) {
    this.request = request;
    this.cluster = cluster;
    this.problems = problems;
  }

  /** Asks the core; throws when it cannot answer (the agent then stays dormant). */
  static ClusterContext from(Map<String, String> conf, SignalsCore core, ObjectMapper mapper) throws Exception {
    ObjectNode req = mapper.createObjectNode();
    req.put("op", "context");
    ObjectNode c = req.putObject("conf");
    for (Map.Entry<String, String> e : conf.entrySet()) {
      if (passedToCore(e.getKey()) && e.getValue() != null) c.put(e.getKey(), e.getValue());
    }
    byte[] answer = core.call(mapper.writeValueAsBytes(req));
    JsonNode a = answer == null ? null : mapper.readTree(answer);
    if (a == null || !a.path("request").isObject() || !a.path("cluster").isObject()) {
      throw new IllegalStateException("the core gave no cluster context: " + (a == null ? "no answer" : a.path("error")));
    }
    List<String> problems = new ArrayList<>();
    for (JsonNode p : a.path("problems")) problems.add(p.asText());
    return new ClusterContext((ObjectNode) a.get("request"), a.get("cluster"), Collections.unmodifiableList(problems));
  }

  /** The request's fields for one run of {@code runtimeSeconds}, added to {@code r} (which holds the plan). */
  void fill(ObjectNode r, double runtimeSeconds) {
    r.setAll(request.deepCopy());
    JsonNode existing = r.get("cluster");
    ObjectNode c = existing instanceof ObjectNode ? (ObjectNode) existing : r.putObject("cluster");
    if (runtimeSeconds >= 0 && Double.isFinite(runtimeSeconds)) c.put("runtime_seconds", runtimeSeconds);
  }
}
