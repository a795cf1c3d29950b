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
 *    "engine_log": "<driver log, RAPIDS explain, Gluten event lines>",  (optional: the engine's
 *                                                           own report, read beside the plan)
 *    "markdown": true|false,                                (optional, default false: the answer
 *                                                           also holds "markdown", the same
 *                                                           analysis as Markdown for a ticket)
 *    "indent": 0}                                           (optional pretty-printing)
 * Response: "clusop.analysis/1" JSON; "clusop.engine_report/1" when the input holds an engine's
 * report but no plan; or {"schema": ..., "error": {"code", "message"}} (never with "markdown").
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

/* ---- Event logs, fed as a stream (the caller owns the bytes, the core owns their meaning) ----
 * One stream reads one application: its files in the order clusop_layout gives, each file's
 * bytes fed in chunks of any size, compressed or not (the core detects the codec).
 *
 * Open request (JSON): {"name": "<first file's name>", "engine", "photon_enabled", "cluster",
 *                       "price_table", "indent"}  (all optional; as for clusop_analyze)
 *                       + "rules": "<text of a rules file>", "thresholds": {"rule.threshold": n},
 *                       "mute": ["rule", ...]  (the recommendations' rules; rules/README.md)
 * Finish response: "clusop.scan/1" JSON holding this one application (documented in README.md),
 * or {"schema": ..., "error": {"code", "message"}}. */
typedef struct clusop_stream clusop_stream;

/* Never NULL except out of memory: a bad request gives a stream whose finish returns the error. */
clusop_stream* clusop_stream_open(const char* request_json, size_t length);

/* Starts the next file of the same application. Returns 0, or -1 once the stream failed. */
int clusop_stream_next_file(clusop_stream* stream, const char* name, size_t length);

/* Feeds the next bytes of the current file. Returns 0, or -1 once the stream failed (what was
 * read so far is kept and reported by finish). */
int clusop_stream_feed(clusop_stream* stream, const char* bytes, size_t length);

/* Ends the stream, frees it and returns the answer (release with clusop_free). */
char* clusop_stream_finish(clusop_stream* stream);

/* Groups listed paths into applications and orders their parts (rolling folders, Databricks
 * rotation, attempts), without touching a file system.
 * Request: {"paths": ["dir/eventlog_v2_app/events_1_app", ...]}
 * Response: {"schema": "clusop.layout/1", "applications": [{"app_key", "layout", "parts": [...],
 *            "in_progress", "warnings": [...]}], "skipped": [{"path", "message"}]} */
char* clusop_layout(const char* request_json, size_t length);

/* Merges, prices and ranks recommendations made elsewhere (e.g. the Python face's @rule
 * functions) exactly as a scan ranks its own. Request: {"application": an application object of
 * "clusop.scan/1" (at least its "cluster"), "recommendations": [objects in the scan contract's
 * shape: at least "rule", "scope", "saving": {"time_ms"}], "indent": n}. Response:
 * {"schema": "clusop.scan/1", "recommendations": [ranked, merged, priced], "rule_errors": [...]}
 * (a malformed recommendation is named there by its index; the others are still ranked). */
char* clusop_rank(const char* request_json, size_t length);

/* The errors of a whole scan and its one document, for a face that read each application with
 * its own stream: the core words every error (listing, layout, refusals), so no face does.
 * Request: {"paths": [the names given to clusop_layout],
 *           "listing": [{"path", "problem": "missing|not_a_file|empty_folder|folder_unreadable|
 *                        entry_unreadable|file_unreadable|archive_unreadable|archive_empty",
 *                        "reason": "the system's words"}],
 *           "applications": [{"answer": "<clusop_stream_finish text>",
 *                             "stopped": {"problem": "read_failed|refused|zip_member_failed", "path",
 *                                         "reason"} | null}]
 *                            (one per application, in clusop_layout's order),
 *           "indent": 2}   (the indent the streams were opened with, 1 to 8)
 * Response: the "clusop.scan/1" document `clusop scan --format json` prints; when no application
 * was read it also holds "nothing_read": the one line the command line ends with. */
char* clusop_scan_document(const char* request_json, size_t length);

/* A zip archive's entries from its last bytes (`tail`, of an archive of `archive_size` bytes):
 * {"schema": "clusop.zip/1", "entries": [{"name", "start", "end", "compressed_size", "size"}]}
 * (bytes [start, end) of the archive are one entry from its local header on: feed them to a
 * stream, which reads the entry), or {"need": N}: call again with the last N bytes, or
 * {"error": {"code", "message"}}. Directories are not listed. */
char* clusop_zip_entries(const char* tail, size_t tail_length, double archive_size);

/* Merges, prices and ranks recommendations made elsewhere (e.g. the Python face's @rule
 * functions) exactly as a scan ranks its own. Request: {"application": an application object of
 * "clusop.scan/1" (at least its "cluster"), "recommendations": [objects in the scan contract's
 * shape: at least "rule", "scope", "saving": {"time_ms"}], "indent": n}. Response:
 * {"schema": "clusop.scan/1", "recommendations": [ranked, merged, priced], "rule_errors": [...]}
 * (a malformed recommendation is named there by its index; the others are still ranked). */
char* clusop_rank(const char* request_json, size_t length);

/* Signals from many clusters, kept once, judged and priced ("clusop.signals/1"; the contract with
 * examples is core/src/signals/README.md). Request: {"op": "merge" | "rank" | "reconcile", ...}:
 *   merge:     {"workspace_id", "batch": the listener's "clusop.signal_batch/1" body,
 *               "signals": [stored records of that workspace]} -> the changed records, one
 *               outcome per signal (added | updated | duplicate | stale, with its dedup key) and
 *               the rejected signals (index and message)
 *   rank:      {"signals": [stored records], "policy": {...}, "now", "last_notified": {...}}
 *               -> ranked by priority, each with its figure, basis, verdict and sentences
 *   reconcile: {"signal": a stored record, "usage": [system.billing.usage rows],
 *               "list_prices": [system.billing.list_prices rows]} -> the record with "billing"
 * and the listener's side (one application's signals, merged here so every face agrees):
 *   context:   {"conf": {Spark conf}} -> the analysis request's pricing part and the signal's
 *               "cluster" object (cluster id, job id, job run id included), problems
 *   observe:   {"signal": so far or null, "analysis", "run", ...} -> the signal with the run counted
 *   flush:     {"app_id", "signals", "seq", "final", "at", "dropped"} -> the clusop.signal_batch/1
 * Errors: {"schema": "clusop.signals/1", "error": {"code", "message"}}. Release with clusop_free. */
char* clusop_signals(const char* request_json, size_t length);

/* Two runs of one job compared ("clusop.compare/1"; contract in core/src/compare/README.md):
 * the before/after table of `clusop loop`. Request: {"before": an application of "clusop.scan/1",
 * "after": another, "rules": [the rule ids whose change was applied], "indent": 0..8}.
 * Response: {"schema", "target", "target_rule", "improved", "verdict", "sentence",
 * "rows": [{"figure", "unit", "before", "after", "targeted", "lower", "delta", "change",
 * "before_text", "after_text", "change_text"}], "joins_before", "joins_after"}; bad input:
 * {"schema", "error": {"code", "message"}}. Release with clusop_free. */
char* clusop_compare(const char* request_json, size_t length);

/* The words of figures kept as numbers only (a run read back from the tables of the Python face):
 * each worded by the formatter that wrote its *_text in "clusop.scan/1", so no face formats one.
 * Request: {"figures": [{"kind": "duration_ms|bytes|count|whole_number|times|share|money|
 *                        modeled_usd_per_run|utc_minute", "value": number|null}, ...]}
 * Response: {"schema": "clusop.words/1", "texts": [one per figure: the words, or null for a null
 * value ("not priced" for modeled_usd_per_run)]}; bad input (an unknown kind is named with the
 * list): {"schema", "error": {"code", "message"}}. Release with clusop_free. */
char* clusop_words(const char* request_json, size_t length);

/* The words every face shows for the core's codes ("clusop.vocabulary/1": verdict, cause, role,
 * role_badge, engine, weight_basis, missing, sku, waste_measure, each {code: words}). Faces read
 * these instead of keeping copies; the analysis JSON carries its numbers' texts (*_text) beside
 * them. Release with clusop_free; NULL only when out of memory. */
char* clusop_vocabulary(void);

/* The core's version, e.g. "0.1.0". */
const char* clusop_version(void);

#ifdef __cplusplus
}
#endif

#endif /* CLUSOP_CLUSOP_H_ */
