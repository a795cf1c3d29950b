package com.clusop.listener;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * What the cluster is, for pricing: from Databricks' {@code spark.databricks.clusterUsageTags.*}
 * keys when present, overridden by {@code spark.clusop.cluster.*} / {@code spark.clusop.photonEnabled}.
 * Unknown values stay null: the core then gives no dollar figure rather than a guess.
 */
final class ClusterContext {

  static final String TAGS = "spark.databricks.clusterUsageTags.";

  final String cloud;
  final String sku;
  final String tier;
  final String nodeType;
  final String driverNodeType;
  final Integer workers;
  final Double runsPerDay;
  final Double photonMultiplier;
  final Double usdPerDbu;
  /** null: unknown (the core decides from the plan). */
  final Boolean photonEnabled;
  final String engine;
  final String runtimeEngine;
  final String runtimeVersion;
  /** "databricks" when the usage tags were present, else "conf". */
  final String source;

  private ClusterContext(Settings s, Map<String, String> conf) {
    String tagCloud = tag(conf, "cloudProvider");
    String tagNode = tag(conf, "clusterNodeType");
    String tagDriver = tag(conf, "driverNodeType");
    Integer tagWorkers = parseWorkers(tag(conf, "clusterWorkers"));
    runtimeEngine = tag(conf, "runtimeEngine");
    runtimeVersion = tag(conf, "sparkVersion");
    boolean databricks = tagCloud != null || tagNode != null || runtimeEngine != null || runtimeVersion != null;
    source = databricks ? "databricks" : "conf";

    cloud = s.cloud != null ? s.cloud : normaliseCloud(tagCloud);
    sku = s.sku;
    tier = s.tier;
    nodeType = s.nodeType != null ? s.nodeType : tagNode;
    driverNodeType = s.driverNodeType != null ? s.driverNodeType : tagDriver;
    workers = s.workers != null ? s.workers : tagWorkers;
    runsPerDay = s.runsPerDay;
    photonMultiplier = s.photonMultiplier;
    usdPerDbu = s.usdPerDbu;
    engine = s.engine;
    if (s.photonEnabled != null) {
      photonEnabled = s.photonEnabled;
    } else if (databricks) {
      boolean photon = (runtimeEngine != null && runtimeEngine.toUpperCase(Locale.ROOT).contains("PHOTON"))
          || (runtimeVersion != null && runtimeVersion.toLowerCase(Locale.ROOT).contains("-photon-"));
      photonEnabled = photon;
    } else {
      photonEnabled = null;
    }
  }

  static ClusterContext from(Settings s, Map<String, String> conf) {
    return new ClusterContext(s, conf);
  }

  private static String tag(Map<String, String> conf, String name) {
    String v = conf.get(TAGS + name);
    if (v == null) return null;
    v = v.trim();
    return v.isEmpty() ? null : v;
  }

  static String normaliseCloud(String v) {
    if (v == null) return null;
    String l = v.trim().toLowerCase(Locale.ROOT);
    if (l.startsWith("aws") || l.equals("amazon")) return "aws";
    if (l.startsWith("azure")) return "azure";
    if (l.startsWith("gcp") || l.startsWith("google")) return "gcp";
    return l.isEmpty() ? null : l;
  }

  private static Integer parseWorkers(String v) {
    if (v == null) return null;
    try {
      int n = Integer.parseInt(v.trim());
      return n >= 0 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The request's "cluster" object for one run of {@code runtimeSeconds}. */
  ObjectNode requestCluster(double runtimeSeconds) {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    if (cloud != null) c.put("cloud", cloud);
    if (sku != null) c.put("sku", sku);
    if (tier != null) c.put("tier", tier);
    if (nodeType != null) c.put("node_type", nodeType);
    if (driverNodeType != null) c.put("driver_node_type", driverNodeType);
    if (workers != null) c.put("workers", workers);
    if (runtimeSeconds >= 0 && Double.isFinite(runtimeSeconds)) c.put("runtime_seconds", runtimeSeconds);
    if (runsPerDay != null) c.put("runs_per_day", runsPerDay);
    if (photonMultiplier != null) c.put("photon_multiplier", photonMultiplier);
    if (usdPerDbu != null) c.put("usd_per_dbu", usdPerDbu);
    return c;
  }

  /** The signal's "cluster" object: what we know of the cluster, nulls included. */
  ObjectNode toJson() {
    ObjectNode c = JsonNodeFactory.instance.objectNode();
    c.put("source", source);
    c.put("cloud", cloud);
    c.put("sku", sku);
    c.put("tier", tier);
    c.put("node_type", nodeType);
    c.put("driver_node_type", driverNodeType);
    if (workers == null) c.putNull("workers"); else c.put("workers", workers);
    if (photonEnabled == null) c.putNull("photon_enabled"); else c.put("photon_enabled", photonEnabled);
    c.put("engine", engine);
    c.put("runtime_engine", runtimeEngine);
    c.put("runtime_version", runtimeVersion);
    return c;
  }
}
