"""1,000 JSON files of two rows each: the scan stage reads every byte and row of them; the control
reads the same rows from one file."""


def scan_stage(s, label, rows):
    """The stage of step `label` that read the files (Spark counted its input records)."""
    found = [f for f in s.ran_stages(label) if f["store"]["input_records"] > 0]
    assert len(found) == 1, [(f["stage_id"], f["store"]["input_records"]) for f in s.ran_stages(label)]
    assert found[0]["store"]["input_records"] == rows
    return found[0]


def test_job_really_read_every_file(scenario):
    """Guards the generator: the scan node's own metric counts the files Spark opened."""
    p = scenario("small_files").facts["problem"]
    assert p["scan"]["files_read"] == p["files"], p["scan"]
    assert p["control_scan"]["files_read"] == p["control_files"] == 1, p["control_scan"]
    assert p["scan"]["output_rows"] == p["control_scan"]["output_rows"] == p["rows"]


def test_scan_stage_input_is_the_files(scenario):
    s = scenario("small_files")
    p = s.facts["problem"]
    f = scan_stage(s, p["label"], p["rows"])
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert (got["input_bytes"], got["input_records"]) == (p["bytes"], p["rows"])
    assert got["num_tasks"] == f["num_tasks"] > 1


def test_control_reads_the_same_bytes_in_one_task(scenario):
    s = scenario("small_files")
    p = s.facts["problem"]
    f = scan_stage(s, p["control_label"], p["rows"])
    got = s.scanned_stage(f["stage_id"], f["attempt"])
    assert (got["input_bytes"], got["input_records"]) == (p["control_bytes"], p["rows"])
    assert got["num_tasks"] == 1


def test_scan_execution_names_its_file_scan(scenario):
    s = scenario("small_files")
    e = s.execution(s.facts["problem"]["label"])
    assert e["analysis"] is not None, e.get("analysis_error")
    names = [n["name"] for n in e["analysis"]["nodes"]]
    assert any(n.startswith("Scan json") for n in names), names
