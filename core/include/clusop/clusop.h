/* clusop: find the work that fell back from a native Spark engine (Photon, Comet, Gluten,
 * RAPIDS) to the JVM in an executed plan, and price it.
 *
 * The single entry point of the core. Every face (CLI, WebAssembly, Python, JNI) calls it,
 * so all faces give byte-identical answers.
 *
 * Request (JSON):
 *   {"plan": "<explain text or event-log JSON line>",
 *    "engine": "auto|spark|photon|comet|gluten|rapids",      (optional, default auto)
 *    "photon_enabled": true|false,                          (optional)
 *    "cluster": {"cloud": "aws", "sku": "jobs", "tier": "premium", "node_type": "i3.xlarge",
 *                "driver_node_type": "...", "workers": 8, "runtime_seconds": 600,
 *                "runs_per_day": 24, "photon_multiplier": 2.9, "usd_per_dbu": 0.15},
 *    "price_table": {... clusop.price_table/1 ...},          (optional, default embedded)
 *    "indent": 0}                                           (optional pretty-printing)
 * Response: "clusop.analysis/1" JSON, or {"schema": ..., "error": {"code", "message"}}.
 */
#ifndef CLUSOP_CLUSOP_H_
#define CLUSOP_CLUSOP_H_

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Analyses one request. Never throws, never aborts. Returns a NUL-terminated JSON string
 * owned by the caller (release it with clusop_free), or NULL only when out of memory. */
char* clusop_analyze(const char* request_json, size_t length);

void clusop_free(char* response);

/* The core's version, e.g. "0.1.0". */
const char* clusop_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CLUSOP_CLUSOP_H_ */
