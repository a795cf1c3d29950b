"""The closed loop for one job: run it, scan its log, let the refactorer change it for the
recommendations, run the change, compare the two runs and their results, and only then write
a branch and a pull request (or, offline, the PR body and a patch file).

Nothing reaches a branch unless both runs succeeded, both logs were scanned, the result is
equal and the commit (and push) succeeded: every failure before that is a LoopError naming
the step and why."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Sequence

from . import comparison as comparison_mod
from .comparison import Comparison
from .forge import ForgeError, GitHub, PullRequest, token_from_environment
from .git_branch import GitError, SourceInRepo, branch_name, commit_change, locate, owner_repo_from_url, remote_url
from .job import JobFailed, JobRun, JobSpec, run_job
from .output_digest import OutputDigest, OutputMissing, digest
from .pr_body import body as pr_body, title as pr_title
from .scan_run import ScanFailed, scan_log


class LoopError(Exception):
    """The loop stopped: ``step`` says where (source, git, before, after, scan, fix, publish)."""

    def __init__(self, step: str, message: str):
        super().__init__(f"{step}: {message}")
        self.step = step


@dataclass
class Measurement:
    """One run of the job: what it logged (the core's application) and what it wrote."""

    run: JobRun
    application: Dict[str, Any]
    output: OutputDigest


@dataclass
class LoopResult:
    status: str                  # proposed | discarded | nothing_to_change
    message: str
    before: Measurement
    after: Optional[Measurement] = None
    recommendations: List[Dict[str, Any]] = field(default_factory=list)
    changes: List[Any] = field(default_factory=list)
    diff: str = ""
    comparison: Optional[Comparison] = None
    results_equal: Optional[bool] = None
    branch: Optional[str] = None
    commit: Optional[str] = None
    pull_request: Optional[PullRequest] = None
    body: str = ""
    title: str = ""
    files: List[Path] = field(default_factory=list)  # offline: the PR body and the patch


@dataclass(frozen=True)
class Publish:
    """Where the change goes: ``offline`` (files in out_dir), else git (``remote`` to push to,
    ``base`` branch of the PR) and the forge (``repo`` owner/name, ``api_url``, ``token``)."""

    offline: bool = False
    out_dir: Optional[Path] = None
    base: str = "HEAD"
    remote: Optional[str] = None
    pr_base: Optional[str] = None
    repo: Optional[str] = None
    api_url: Optional[str] = None
    token: Optional[str] = None


Proposer = Callable[..., Any]


def _default_proposer() -> Proposer:
    try:
        from ..fix import propose
    except ImportError as e:
        raise LoopError("fix", f"the refactorer (clusop.fix) is not available: {e}") from None
    return propose


def check_source(text: str, name: str) -> None:
    """The job must be Python that parses: a file the refactorer could not change either."""
    try:
        compile(text, name, "exec", dont_inherit=True)
    except SyntaxError as e:
        raise LoopError("source", f"{name} does not parse as Python: line {e.lineno}: {e.msg}") from None
    except ValueError as e:  # null bytes
        raise LoopError("source", f"{name} does not parse as Python: {e}") from None


def measure(spec: JobSpec, text: str, run_dir: Path, label: str, scan_settings: Sequence[str] = (),
            script_path: Optional[Path] = None) -> Measurement:
    try:
        run = run_job(spec, text, run_dir, label, script_path=script_path)
    except JobFailed as e:
        raise LoopError(label, str(e)) from None
    try:
        app = scan_log(run.event_log_dir, scan_settings, label)
    except ScanFailed as e:
        raise LoopError("scan", str(e)) from None
    try:
        out = digest(run.output)
    except OutputMissing as e:
        raise LoopError(label, f"the job's result: {e}") from None
    return Measurement(run, app, out)


def run_loop(spec: JobSpec, *, rules: Sequence[str] = (), scan_settings: Sequence[str] = (),
             publish: Publish = Publish(offline=True), work_dir: Optional[Path] = None,
             proposer: Optional[Proposer] = None, before: Optional[Measurement] = None) -> LoopResult:
    """The loop for ``spec``'s job. ``rules``: only these recommendations (default: all of the
    before run's). ``before``: a measurement of the unchanged source already made (the same
    spec and settings) to start from."""
    try:
        spec.check()
    except ValueError as e:
        raise LoopError("job", str(e)) from None
    script = spec.script
    if not script.is_file():
        raise LoopError("source", f"{script} is not a file")
    text = script.read_text(encoding="utf-8")
    check_source(text, script.name)

    if not publish.offline:  # refuse a source git cannot take before any run
        try:
            locate(script, publish.base)
        except GitError as e:
            raise LoopError("git", str(e)) from None
    work = Path(work_dir) if work_dir else Path(tempfile.mkdtemp(prefix="clusop-loop-"))

    if before is None:
        before = measure(spec, text, work / "before", "before", scan_settings, script_path=script)
    recs = [r for r in before.application.get("recommendations") or [] if not rules or r.get("rule") in rules]
    if not recs:
        return LoopResult("nothing_to_change", f"the before run has no recommendation"
                          f"{' for ' + ', '.join(rules) if rules else ''}: nothing to change", before)

    propose = proposer or _default_proposer()
    try:
        fixed = propose(text, recs, filename=script.name)
    except Exception as e:  # the refactorer's refusal, in its words
        raise LoopError("fix", f"{type(e).__name__}: {e}") from None
    if getattr(fixed, "error", None):
        raise LoopError("fix", f"{script.name}: {fixed.error}")
    applied = [c for c in fixed.changes if c.status == "applied"]
    if not fixed.diff or not applied:
        why = "; ".join(f"{c.rule}: {c.status}: {c.rationale}" for c in fixed.changes) or "no change proposed"
        return LoopResult("nothing_to_change", f"the refactorer changed nothing in {script.name} ({why})", before,
                          recommendations=recs, changes=list(fixed.changes))
    check_source(fixed.new_text, f"{script.name} (as changed)")

    after = measure(spec, fixed.new_text, work / "after", "after", scan_settings)
    applied_rules = list(dict.fromkeys(c.rule for c in applied))
    targeted = [r for r in recs if r.get("rule") in applied_rules]
    try:
        comp = comparison_mod.compare(before.application, after.application, applied_rules)
    except comparison_mod.CompareFailed as e:
        raise LoopError("scan", f"the two runs could not be compared: {e}") from None
    equal = before.output.rows == after.output.rows and before.output.checksum == after.output.checksum
    result = LoopResult("discarded", "", before, after, targeted, list(fixed.changes), fixed.diff, comp, equal)
    result.title = pr_title(script.name, targeted)
    result.body = pr_body(script.name, targeted, fixed.changes, comp, before.output, after.output, fixed.diff)
    if not equal:
        result.message = (f"discarded: the change alters the job's result ({before.output.rows} rows, checksum "
                          f"{before.output.checksum} before; {after.output.rows} rows, checksum "
                          f"{after.output.checksum} after): nothing proposed")
        return result

    return publish_result(result, script, publish, work)


def publish_result(result: LoopResult, script: Path, publish: Publish, work: Path) -> LoopResult:
    """Writes a measured, result-equal change: the branch (one commit) and the pull request, or
    offline the PR body and a patch. Publishing the same change again updates the open PR."""
    where: Optional[SourceInRepo] = None
    if not publish.offline:
        try:
            where = locate(script, publish.base)
        except GitError as e:
            raise LoopError("git", str(e)) from None
    rel = where.relpath if where else script.name
    applied = [c for c in result.changes if c.status == "applied"]
    rules = list(dict.fromkeys(c.rule for c in applied))
    result.branch = branch_name(rules[0], rel, result.diff)
    message = f"{result.title}\n\n" + "\n".join(f"- {c.rule}: {c.rationale}" for c in applied)
    if publish.offline:
        result.files = write_offline(publish.out_dir or work, result.branch, result.body, result.diff, rel)
        result.status = "proposed"
        result.message = f"proposed offline: {', '.join(str(f) for f in result.files)}"
        return result
    assert where is not None
    new_text = script.read_text(encoding="utf-8") if result.after is None else \
        (result.after.run.run_dir / script.name).read_text(encoding="utf-8")
    try:
        result.commit = commit_change(where, new_text, result.branch, message, publish.remote)
    except GitError as e:
        raise LoopError("git", str(e)) from None
    result.status = "proposed"
    token = publish.token or token_from_environment()
    if not token:
        result.files = write_offline(publish.out_dir or work, result.branch, result.body, result.diff, rel)
        result.message = (f"committed {result.commit[:12]} on {result.branch}; no forge token "
                          f"(GITHUB_TOKEN): the PR body and patch are in {', '.join(str(f) for f in result.files)}")
        return result
    try:
        repo = publish.repo or (owner_repo_from_url(remote_url(where.repo, publish.remote)) if publish.remote else None)
    except GitError as e:
        raise LoopError("publish", str(e)) from None
    if not repo:
        raise LoopError("publish", "which repository on the forge? give --repo OWNER/NAME (or a --remote with a GitHub URL)")
    pr_base = publish.pr_base or _branch_of(where)
    try:
        result.pull_request = GitHub(repo, token, publish.api_url).open_or_update(result.branch, pr_base, result.title, result.body)
    except ForgeError as e:
        raise LoopError("publish", f"the branch {result.branch} is pushed, the pull request failed: {e}") from None
    verb = "opened" if result.pull_request.created else "updated"
    result.message = f"{verb} pull request #{result.pull_request.number} from {result.branch}"
    return result


def _branch_of(where: SourceInRepo) -> str:
    from .git_branch import git

    name = git(where.repo, "rev-parse", "--abbrev-ref", "HEAD", check=False)
    return name if name and name != "HEAD" else "main"


def write_offline(out_dir: Path, branch: str, body: str, diff: str, relpath: str) -> List[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", branch)
    md = out_dir / f"{stem}.md"
    patch = out_dir / f"{stem}.patch"
    md.write_text(body, encoding="utf-8")
    patch.write_text(git_patch(diff, relpath), encoding="utf-8")
    return [md, patch]


def git_patch(diff: str, relpath: str) -> str:
    """The unified diff with the repository path on its ---/+++ lines (applies with git apply -p1)."""
    out = []
    in_header = True
    for line in diff.splitlines(keepends=True):
        in_header = in_header and not line.startswith("@@")
        if in_header and line.startswith("--- "):
            line = f"--- a/{relpath}\n"
        elif in_header and line.startswith("+++ "):
            line = f"+++ b/{relpath}\n"
        out.append(line)
    return "".join(out)
