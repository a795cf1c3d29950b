"""The change as one commit on a branch of the job's repository, written with git's plumbing
(a temporary index): the user's checkout and index are never touched, and the branch ref moves
only once the commit exists (and, with a remote, once the push succeeded)."""

from __future__ import annotations

import hashlib
import os
import re
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Optional


class GitError(Exception):
    """A git step failed: its command and git's own words."""


def git(repo: Path, *args: str, input_text: Optional[str] = None, env: Optional[dict] = None, check: bool = True) -> str:
    full_env = dict(os.environ)
    full_env.update(env or {})
    # commits made for the user need an identity even where none is configured
    for k, v in (("GIT_AUTHOR_NAME", "clusop"), ("GIT_AUTHOR_EMAIL", "clusop@localhost"),
                 ("GIT_COMMITTER_NAME", "clusop"), ("GIT_COMMITTER_EMAIL", "clusop@localhost")):
        full_env.setdefault(k, v)
    done = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, input=input_text, env=full_env)
    if check and done.returncode != 0:
        raise GitError(f"git {' '.join(args)}: {done.stderr.strip() or done.stdout.strip()}")
    return done.stdout.strip()


@dataclass(frozen=True)
class SourceInRepo:
    repo: Path       # the work tree's top
    relpath: str     # the source's path in it, with /
    base: str        # the commit the branch starts from
    mode: str        # the file's mode at base


def locate(source: Path, base: str = "HEAD") -> SourceInRepo:
    """Where the source is in its repository; refuses a source that differs from its committed
    text at ``base`` (the commit must hold exactly the loop's change)."""
    source = source.resolve()
    if not source.parent.is_dir():
        raise GitError(f"{source.parent} does not exist")
    top = Path(git(source.parent, "rev-parse", "--show-toplevel"))
    rel = source.relative_to(top.resolve()).as_posix()
    commit = git(top, "rev-parse", "--verify", f"{base}^{{commit}}")
    listed = git(top, "ls-tree", commit, "--", rel)
    if not listed:
        raise GitError(f"{rel} is not committed at {base}: commit the job first (the branch holds only the change)")
    mode = listed.split()[0]
    committed = git(top, "cat-file", "-p", f"{commit}:{rel}")
    if committed != source.read_text(encoding="utf-8").strip():
        raise GitError(f"{rel} has changes not committed at {base}: commit or stash them first "
                       "(the branch holds only the loop's change)")
    return SourceInRepo(top, rel, commit, mode)


def branch_name(rule: str, relpath: str, diff: str) -> str:
    """clusop/<rule>-<short signature>: the same change of the same file gets the same branch."""
    signature = hashlib.sha1(f"{rule}\0{relpath}\0{diff}".encode("utf-8")).hexdigest()[:8]
    return f"clusop/{re.sub(r'[^a-z0-9_]+', '_', rule.lower())}-{signature}"


def commit_change(where: SourceInRepo, new_text: str, branch: str, message: str,
                  remote: Optional[str] = None) -> str:
    """Commits new_text as the source's content on ``branch`` (one commit on ``base``; an
    existing branch holding the same tree is left as it is); pushes it to ``remote`` when given.
    Returns the commit. On any failure the branch is as it was."""
    repo = where.repo
    ref = f"refs/heads/{branch}"
    old = git(repo, "rev-parse", "--verify", "--quiet", ref, check=False)
    blob = git(repo, "hash-object", "-w", "--stdin", input_text=new_text)
    with tempfile.TemporaryDirectory(prefix="clusop-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index")}
        git(repo, "read-tree", where.base, env=env)
        git(repo, "update-index", "--add", "--cacheinfo", f"{where.mode},{blob},{where.relpath}", env=env)
        tree = git(repo, "write-tree", env=env)
    same = bool(old) and git(repo, "rev-parse", f"{old}^{{tree}}") == tree and \
        git(repo, "rev-parse", f"{old}^") == where.base
    commit = old if same else git(repo, "commit-tree", tree, "-p", where.base, "-m", message)
    if not same:
        git(repo, "update-ref", ref, commit, old or "0" * 40)
    if remote:
        try:
            git(repo, "push", "--force", remote, f"{commit}:{ref}")
        except GitError:
            if not same:  # put the branch back as it was
                if old:
                    git(repo, "update-ref", ref, old, commit, check=False)
                else:
                    git(repo, "update-ref", "-d", ref, commit, check=False)
            raise
    return commit


def remote_url(repo: Path, remote: str) -> str:
    return git(repo, "remote", "get-url", remote)


def owner_repo_from_url(url: str) -> Optional[str]:
    """owner/name of a GitHub-style remote URL (https or ssh), else None."""
    m = re.search(r"[:/]([^/:]+)/([^/]+?)(?:\.git)?/?$", url)
    return f"{m.group(1)}/{m.group(2)}" if m else None
