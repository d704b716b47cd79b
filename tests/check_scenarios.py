"""Run the installed ``zatlog`` CLI against a folder of scenarios and compare the findings.

    python tests/check_scenarios.py [--zatlog PATH] DIR

Each ``DIR/NAME.jsonl`` is imported into a fresh SQLite database (``import --history``
when the CLI has that flag: the scenarios are records of the past, so the late-entry
rule must not judge their recording date), then audited with
``audit --as-of AS_OF --format json`` under the policy overrides of ``NAME.expected.json``
(``policy``, written to a TOML file). The set of ``[rule, case, severity]`` found must
equal the expected ``findings``. One line per scenario; exit status 1 when any differs,
2 when the folder holds no scenario.

The project's own scenarios (``tests/scenarios``) are checked this way by
``tests/audit/test_check_scenarios.py``; CI also runs it over any further folder of
scenarios it is given.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

Finding = tuple[str, str, str]


@dataclass(frozen=True)
class Outcome:
    name: str
    ok: bool
    detail: str

    def line(self) -> str:
        status = "ok  " if self.ok else "FAIL"
        return f"{status} {self.name}: {self.detail}" if self.detail else f"{status} {self.name}"


def default_zatlog() -> str:
    """The ``zatlog`` beside this Python (its virtual environment), else the one on PATH."""
    beside = Path(sys.executable).with_name("zatlog")
    if beside.exists():
        return str(beside)
    return shutil.which("zatlog") or "zatlog"


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value)
    raise ValueError(f"a policy value must be a number, true/false or text, not {value!r}")


def policy_toml(policy: dict[str, Any]) -> str:
    """The policy overrides as TOML: top-level keys, then one table per nested mapping."""
    lines = [f"{key} = {toml_value(v)}" for key, v in policy.items() if not isinstance(v, dict)]

    def tables(prefix: str, mapping: dict[str, Any]) -> None:
        plain = {k: v for k, v in mapping.items() if not isinstance(v, dict)}
        if plain:
            lines.append(f"[{prefix}]")
            lines.extend(f"{key} = {toml_value(v)}" for key, v in plain.items())
        for key, v in mapping.items():
            if isinstance(v, dict):
                tables(f"{prefix}.{key}", v)

    for key, value in policy.items():
        if isinstance(value, dict):
            tables(key, value)
    return "\n".join(lines) + "\n"


def has_history_flag(zatlog: str) -> bool:
    helped = subprocess.run(
        [zatlog, "import", "--help"], capture_output=True, text=True, check=False
    )
    return "--history" in helped.stdout


def run(command: list[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, capture_output=True, text=True, check=False)


def last_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[-1] if lines else "(no message)"


def check(log: Path, zatlog: str, history: bool, work: Path) -> Outcome:
    name = log.name.removesuffix(".jsonl")
    expected_file = log.with_name(f"{name}.expected.json")
    try:
        expected = json.loads(expected_file.read_text(encoding="utf-8"))
        as_of = str(expected["as_of"])
        wanted = {(str(r), str(c), str(s)) for r, c, s in expected["findings"]}
        policy = expected.get("policy") or {}
    except (OSError, ValueError, KeyError, TypeError) as error:
        return Outcome(name, False, f"cannot read {expected_file.name}: {error}")

    db = work / f"{name}.db"
    imported = run(
        [zatlog, "--db", str(db), "import", *(["--history"] if history else []), str(log)]
    )
    if imported.returncode != 0:
        return Outcome(name, False, f"import failed: {last_line(imported.stderr)}")

    audit = [zatlog, "--db", str(db), "audit", "--as-of", as_of, "--format", "json"]
    if policy:
        policy_file = work / f"{name}.policy.toml"
        try:
            policy_file.write_text(policy_toml(policy), encoding="utf-8")
        except ValueError as error:
            return Outcome(name, False, f"policy in {expected_file.name}: {error}")
        audit += ["--policy", str(policy_file)]
    audited = run(audit)
    if audited.returncode != 0:
        return Outcome(name, False, f"audit failed: {last_line(audited.stderr)}")
    try:
        report = json.loads(audited.stdout)
        found = {(f["rule"], f["case"], f["severity"]) for f in report["findings"]}
    except (ValueError, KeyError, TypeError) as error:
        return Outcome(name, False, f"audit printed no findings JSON: {error}")

    if found == wanted:
        return Outcome(name, True, f"{len(found)} finding(s)" if found else "no findings")
    problems = []
    if wanted - found:
        problems.append("missing " + ", ".join(map(str, sorted(wanted - found))))
    if found - wanted:
        problems.append("unexpected " + ", ".join(map(str, sorted(found - wanted))))
    return Outcome(name, False, "; ".join(problems))


def check_folder(folder: Path, zatlog: str) -> list[Outcome]:
    history = has_history_flag(zatlog)
    with tempfile.TemporaryDirectory(prefix="zatlog-scenarios-") as work:
        return [check(log, zatlog, history, Path(work)) for log in sorted(folder.glob("*.jsonl"))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("folder", type=Path, help="a folder of NAME.jsonl + NAME.expected.json")
    parser.add_argument("--zatlog", default=None, help="the zatlog command (default: installed)")
    args = parser.parse_args(argv)
    zatlog = args.zatlog or default_zatlog()
    if not args.folder.is_dir():
        print(f"error: {args.folder}: not a folder", file=sys.stderr)
        return 2
    outcomes = check_folder(args.folder, zatlog)
    if not outcomes:
        print(f"error: {args.folder}: no *.jsonl scenarios", file=sys.stderr)
        return 2
    for outcome in outcomes:
        print(outcome.line())
    failed = [o.name for o in outcomes if not o.ok]
    print(f"{len(outcomes) - len(failed)} of {len(outcomes)} scenarios as expected")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
