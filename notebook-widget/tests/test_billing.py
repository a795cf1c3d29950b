"""`billing` (databricks | cloud_vm) is reachable wherever the other cluster settings are: the
Python command line (report, fleet, loop; analyze and scan are the C++ command line's own) and
clusop.analyze / clusop.scan; an unknown value is refused before anything is read, with the
accepted ones as the core names them (as an unknown cloud is)."""

from __future__ import annotations

import pytest

import clusop
from clusop.commands import main as clusop_main
from conftest import GOLDEN, REPO

PLAN = GOLDEN / "plans" / "comet" / "datetime.tree.txt"
LOG = REPO / "tests" / "io" / "data" / "spark-3.5.9" / "none" / "local-1796014104063"
CLUSTER = {"cloud": "aws", "node_type": "i3.xlarge", "workers": 4, "runtime_seconds": 3600}


def test_billing_changes_what_the_core_prices():
    text = PLAN.read_text(encoding="utf-8")
    vm = clusop.analyze(text, engine="comet", billing="cloud_vm", **CLUSTER).to_dict()["waste"]
    dbu = clusop.analyze(text, engine="comet", cluster=dict(CLUSTER, billing="databricks")).to_dict()["waste"]
    assert vm["inputs"]["billing"] == "cloud_vm" and dbu["inputs"]["billing"] == "databricks"
    # the DBUs are billed on top of the VMs: the same cluster costs more per hour
    assert dbu["inputs"]["cluster_usd_per_hour"] > vm["inputs"]["cluster_usd_per_hour"] > 0
    assert dbu["usd"] > vm["usd"] > 0


@pytest.mark.parametrize("call", [
    lambda: clusop.analyze(PLAN.read_text(encoding="utf-8"), engine="comet", billing="oracle"),
    lambda: clusop.analyze(PLAN.read_text(encoding="utf-8"), cluster={"billing": "oracle"}),
    lambda: clusop.scan("/nonexistent/never-read", billing="oracle"),
], ids=["analyze", "analyze-cluster", "scan"])
def test_an_unknown_billing_is_refused_with_the_accepted_ones(call):
    with pytest.raises(ValueError) as e:
        call()
    for word in ("oracle", "databricks", "cloud_vm"):
        assert word in str(e.value)


@pytest.mark.skipif(not LOG.is_file(), reason=f"no Spark 3.5.9 log at {LOG}")
def test_the_report_command_takes_billing(tmp_path, capsys):
    out = tmp_path / "r.html"
    assert clusop_main(["report", str(LOG), "--billing", "oracle", "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "oracle" in err and "databricks" in err and "cloud_vm" in err
    assert not out.exists()
    assert clusop_main(["report", str(LOG), "--billing", "databricks", "-o", str(out)]) == 0
    assert out.is_file()


@pytest.mark.parametrize("command", ["fleet", "loop"])
def test_the_other_commands_list_billing(command, capsys):
    with pytest.raises(SystemExit):
        clusop_main([command, "--help"])
    assert "--billing" in capsys.readouterr().out
