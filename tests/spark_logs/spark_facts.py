"""One generated scenario: what the job recorded (facts.json) beside what `clusop scan` read."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Dict, Iterator, List, Optional, Tuple

# the clean job, logged in other layouts: no problem, no finding
CLEAN_LAYOUTS = ["clean", "zstd", "lz4", "snappy", "lzf", "rolling", "inprogress"]
# one known problem each (tools/loggen/scenarios.py)
PROBLEMS = ["skew", "spill", "retry", "broadcast", "tiny", "comet_udf", "large_collect",
            "nested_loop_join", "aqe_off", "small_files", "too_few_partitions", "speculation",
            "idle_executors"]
SCENARIOS = CLEAN_LAYOUTS + PROBLEMS


@dataclass
class Scenario:
    name: str
    facts: dict
    app: dict  # the one application of clusop.scan/1

    # ---- what the job recorded
    def fact_steps(self) -> Iterator[dict]:
        yield from self.facts["steps"]
        if self.facts.get("ungrouped"):
            yield {"label": None, "jobs": self.facts["ungrouped"]}

    def fact_stages(self, label: Optional[str] = None) -> List[dict]:
        """Every stage the jobs of step `label` (all steps when None) listed, each once."""
        seen: Dict[int, dict] = {}
        for step in self.fact_steps():
            if label is not None and step["label"] != label:
                continue
            for job in step["jobs"]:
                for stage in job["stages"]:
                    seen.setdefault(stage["stage_id"], stage)
        return [seen[k] for k in sorted(seen)]

    def ran_stages(self, label: Optional[str] = None) -> List[dict]:
        return [s for s in self.fact_stages(label) if s["ran"]]

    def only_stage(self, label: str, num_tasks: Optional[int] = None) -> dict:
        """The one stage of step `label` that ran (with `num_tasks` tasks when given)."""
        found = [s for s in self.ran_stages(label) if num_tasks is None or s["num_tasks"] == num_tasks]
        assert len(found) == 1, f"{self.name}: step {label} ran {found}"
        return found[0]

    # ---- what clusop read
    def scanned_stages(self) -> List[dict]:
        return self.app["stages"]

    def scanned_stage(self, stage_id: int, attempt: int = 0) -> dict:
        found = [s for s in self.app["stages"] if s["stage_id"] == stage_id and s["attempt"] == attempt]
        assert len(found) == 1, f"{self.name}: clusop lists stage {stage_id}.{attempt} {len(found)} times"
        return found[0]

    def ran_scanned(self) -> List[dict]:
        return [s for s in self.app["stages"] if s["status"] != "skipped"]

    def execution(self, description: str) -> dict:
        found = [e for e in self.app["sql_executions"] if e["description"] == description]
        assert len(found) == 1, (f"{self.name}: {len(found)} SQL executions described {description!r}; "
                                 f"have {[e['description'] for e in self.app['sql_executions']]}")
        return found[0]


def stage_shape(stages: List[dict]) -> List[Tuple[int, int, Optional[int], int, str]]:
    """What two reads of one job must agree on: ids, attempts, task counts, failures, status."""
    return sorted((s["stage_id"], s["attempt"], s["num_tasks"], s["failed_tasks"], s["status"])
                  for s in stages)
