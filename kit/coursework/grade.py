"""``kit grade``: run every collected submission afresh in its sandbox, judge it outside, report.

For each learner ``kit collect`` took in, the notebook is run from scratch, stored outputs
cleared, in a sandbox of its own (:mod:`kit.coursework.sandbox`) reading that learner's town.
Inside, ``check()`` only writes each answer down, as plain JSON. Outside, in this process, each
answer is decoded (:mod:`kit.exercises.answers`: never a pickle) and checked the usual way
against that learner's town: the expected answers, the diagnosis and the assignment's own
exercises are all computed here, where the submission never ran. The last check of an exercise
in the run counts; an exercise whose check never ran (a cell that failed first, a run that was
stopped) is "not reached".

Written into ``instructor/graded/``:

* ``gradebook.csv``: one row per learner: their status (submitted, late, empty, missing), score,
  each exercise's outcome and the hints they asked for;
* ``feedback/<learner>.html``: one page per learner, self-contained and offline: their answer to
  each exercise, what was right, the diagnosis for what was not, the hints they could have seen;
* ``summary.html``: for the instructor, each exercise's outcomes and its most common mistakes (the
  diagnosis ladder's rungs, counted);
* ``results/<learner>.json``: everything above for one learner, as plain data.
"""

from __future__ import annotations

import csv
import html
import io
import json
import queue
import re
from collections import Counter
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from ..exercises.answers import MAX_BYTES
from .assign import INSTRUCTOR, load_record

__all__ = ["grade", "judge", "events", "hints_asked"]

MAX_EVENTS = 10_000
RESERVED = {"answer", "exercise_id"}  # check()'s own parameters: never a learner's input
MAX_LINE = 2 * MAX_BYTES + 4096  # an answer and its inputs, as check() writes them at most
NOT_REACHED = "not reached"


def events(channel: bytes) -> dict[str, dict]:
    """The last check event of each exercise in a run's channel (lines that are not one are skipped)."""
    last: dict[str, dict] = {}
    for n, line in enumerate(channel.splitlines()):
        if n >= MAX_EVENTS:
            break
        if len(line) > MAX_LINE:  # more than any answer check() writes: not one of its lines
            continue
        try:
            e = json.loads(line)
        except (ValueError, RecursionError):  # not JSON, or nested deeper than JSON can read
            continue
        if isinstance(e, dict) and e.get("type") == "check" and isinstance(e.get("exercise"), str) and "answer" in e:
            last[e["exercise"]] = e
    return last


def hints_asked(log: bytes) -> Counter:
    """Hints asked for per exercise, from a learner's workspace log (the highest hint shown)."""
    asked: Counter = Counter()
    for line in log.splitlines()[:100_000]:
        if len(line) > 4096:  # longer than any line the kit writes
            continue
        try:
            e = json.loads(line)
        except (ValueError, RecursionError):
            continue
        if isinstance(e, dict) and e.get("type") == "hint" and isinstance(e.get("exercise"), str):
            n = e.get("n")
            if isinstance(n, int) and not isinstance(n, bool) and 0 < n < 1000:
                asked[e["exercise"]] = max(asked[e["exercise"]], n)
    return asked


def _shown(answer) -> str:
    import numpy as np
    import pandas as pd

    try:
        if answer is Ellipsis:
            return ""
        if isinstance(answer, pd.DataFrame):
            return answer.to_string(max_rows=12, max_cols=8)[:1500]
        if isinstance(answer, pd.Series):
            return answer.to_string(max_rows=12)[:1500]
        if isinstance(answer, np.generic):
            answer = answer.item()
        return repr(answer)[:600]
    except Exception:  # noqa: BLE001
        return "(cannot be shown)"


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def clean(text, limit: int = 300) -> str:
    """Text from a submission, safe to print or show: no control characters, at most ``limit``."""
    return _CONTROL.sub(" ", str(text))[:limit]


def run_report(raw: dict) -> dict:
    """The runner's report, as far as it is believable: written inside the sandbox, it is the
    submission's to forge, so only known fields of the right type are kept, as plain numbers and
    short clean text."""

    def ints(v) -> list[int]:
        return (
            [int(x) for x in v[:200] if isinstance(x, int) and not isinstance(x, bool)] if isinstance(v, list) else []
        )

    out = {
        "cells": 0,
        "ran": 0,
        "errors": [],
        "timeouts": ints(raw.get("timeouts")),
        "dropped_output": ints(raw.get("dropped_output")),
        "stopped": "",
    }
    for k in ("cells", "ran"):
        if isinstance(raw.get(k), int) and not isinstance(raw.get(k), bool):
            out[k] = raw[k]
    for e in raw.get("errors", [])[:200] if isinstance(raw.get("errors"), list) else []:
        if isinstance(e, dict) and isinstance(e.get("cell"), int) and isinstance(e.get("error"), str):
            out["errors"].append({"cell": e["cell"], "error": clean(e["error"], 200)})
    if isinstance(raw.get("stopped"), str):
        out["stopped"] = clean(raw["stopped"])
    return out


def givers(number: str) -> dict[str, list[str]]:
    """Per exercise, the names of the kit functions that compute its answer (the workshop's
    ``GIVES_ANSWER``, declared in its solutions module)."""
    import importlib

    from .. import workshops

    try:
        module = importlib.import_module(workshops.get(number).solutions)
    except Exception:  # noqa: BLE001 - no such list: nothing to flag
        return {}
    return {
        ex: sorted({getattr(f, "__name__", str(f)) for f in fs})
        for ex, fs in getattr(module, "GIVES_ANSWER", {}).items()
    }


def giveaways(submitted: bytes, handed_out: str, names: dict[str, list[str]]) -> dict[str, list[str]]:
    """Per exercise, the answer-giving kit functions the learner's own code for it calls (in the
    cells from the previous check to this one) that the handed-out notebook does not call before
    that check: a right answer got that way is right for the wrong reason, so the gradebook says so.

    >>> names = {"01.3": ["social_ratio"]}
    >>> mine = json.dumps({"cells": [{"cell_type": "code", "source": "r = social_ratio(p, a)\\ncheck('01.3', r)"}]})
    >>> giveaways(mine.encode(), "r = ...\\ncheck('01.3', r)\\nsocial_ratio(p, a)", names)
    {'01.3': ['social_ratio']}
    """
    try:
        cells = [c.get("source", "") for c in json.loads(submitted).get("cells", []) if c.get("cell_type") == "code"]
        cells = ["".join(c) if isinstance(c, list) else str(c) for c in cells]
    except (ValueError, AttributeError, TypeError, RecursionError):
        return {}
    found, start = {}, 0
    for i, src in enumerate(cells):
        m = re.search(r"""check\(\s*["']([0-9]{2}\.[^"']+)["']""", src)
        if not m:
            continue
        section = "\n".join(cells[start : i + 1])
        start = i + 1
        before = handed_out.split(m.group(0), 1)[0]  # what the handed-out notebook itself calls up to here
        used = [
            n
            for n in names.get(m.group(1), ())
            if re.search(rf"\b{re.escape(n)}\s*\(", section) and not re.search(rf"\b{re.escape(n)}\s*\(", before)
        ]
        if used:
            found[m.group(1)] = used
    return found


def judge(exercise_list: list, checks: dict[str, dict], town: Path) -> list[dict]:
    """Each exercise's outcome for one learner: their recorded answers checked on their ``town``."""
    from ..exercises import check
    from ..exercises.answers import decode
    from ..exercises.ladder import describe
    from .towns import reading

    out = []
    with reading(town):
        for ex in exercise_list:
            row = {"exercise": ex.id, "title": ex.title, "hints": list(ex.hints)}
            e = checks.get(ex.id)
            if e is None:
                row.update(
                    status=NOT_REACHED,
                    rung=NOT_REACHED,
                    detail="",
                    answer="",
                    shown="",
                    message="Its check never ran: a cell before it failed, or the run was stopped first.",
                )
                out.append(row)
                continue
            try:
                answer = decode(e["answer"])
                if not isinstance(e.get("inputs") or {}, dict):
                    raise ValueError("inputs are not a mapping")
                inputs = {str(k): decode(v) for k, v in (e.get("inputs") or {}).items()}
            except Exception as err:  # noqa: BLE001 - a channel line the submission forged badly
                row.update(
                    status="wrong",
                    rung="unreadable",
                    detail="",
                    answer="",
                    shown="",
                    message=f"The answer recorded could not be read back ({str(err)[:120]}).",
                )
                out.append(row)
                continue
            if set(inputs) & RESERVED:
                row.update(
                    status="wrong",
                    rung="unreadable",
                    detail="",
                    answer="",
                    shown="",
                    message="The answer recorded named inputs no check takes.",
                )
                out.append(row)
                continue
            try:
                fb = check(ex.id, answer, **inputs)
            except Exception as err:  # noqa: BLE001 - check never raises; if it ever does, one row, not the batch
                row.update(
                    status="error",
                    rung="error",
                    detail=type(err).__name__,
                    answer=describe(answer),
                    shown="",
                    message=f"The grader could not check this answer ({type(err).__name__}).",
                )
                out.append(row)
                continue
            message = fb.message if fb.status != "unanswered" else "Not answered: the ... was still in place."
            row.update(
                status=fb.status,
                rung=fb.rung,
                detail=fb.detail,
                message=message,
                answer=describe(answer),
                shown=_shown(answer),
            )
            out.append(row)
    return out


# --------------------------------------------------------------------------- pages

CSS = """body{font:17px/1.5 system-ui,-apple-system,"DejaVu Sans",sans-serif;max-width:50rem;margin:2rem auto;
padding:0 1rem;color:#1b1b1b}h1{font-size:1.6rem}h2{font-size:1.2rem;margin-top:2rem}
.ex{border-left:6px solid #888;padding:.4rem 1rem;margin:1rem 0;background:#f7f7f7}
.correct{border-color:#1a7f37}.wrong{border-color:#b35900}.unanswered,.not-reached{border-color:#555}
.error{border-color:#8250df}pre{white-space:pre-wrap;background:#fff;padding:.5rem;border:1px solid #ddd}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
.note{color:#444}"""

_HEAD = {
    "correct": "✓ Right",
    "wrong": "✗ Not yet",
    "unanswered": "… Not answered",
    "error": "! Could not check",
    NOT_REACHED: "– Not reached",
    "recorded": "• Recorded",
}


def _page(title: str, body: str) -> str:
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" '
        f'content="width=device-width,initial-scale=1"><title>{html.escape(title)}</title>'
        f"<style>{CSS}</style></head><body>{body}</body></html>\n"
    )


def feedback_page(name: str, record: dict, entry: dict, rows: list[dict], run: dict) -> str:
    e = html.escape
    right = sum(r["status"] == "correct" for r in rows)
    parts = [
        f"<h1>Feedback for {e(name)}</h1>",
        f"<p>Workshop {e(record['workshop'])}, assignment {e(record['id'])}: "
        f"<strong>{right} of {len(rows)}</strong> exercises right.</p>",
    ]
    if entry.get("status") == "late":
        parts.append(f'<p class="note">Handed in {entry.get("late_minutes", 0)} minutes after the deadline.</p>')
    if entry.get("status") == "empty":
        parts.append('<p class="note">The notebook handed in was still as it was handed out: no answers.</p>')
    if run.get("stopped"):
        parts.append(
            f'<p class="note">Your notebook was stopped while it was graded: {e(run["stopped"])}. '
            "It was graded on what had run by then.</p>"
        )
    for r in rows:
        cls = r["status"].replace(" ", "-")
        parts.append(
            f'<section class="ex {cls}"><h2>{e(r["exercise"])} · {e(r["title"])} — '
            f"{e(_HEAD.get(r['status'], r['status']))}</h2>"
        )
        if r.get("shown"):
            parts.append(f"<p>Your answer, {e(r['answer'])}:</p><pre>{e(r['shown'])}</pre>")
        if r["status"] != "correct":
            parts.append(f"<p>{e(r['message'])}</p>")
            if r["hints"]:
                parts.append(
                    "<details><summary>The hints for this exercise</summary><ol>"
                    + "".join(f"<li>{e(h)}</li>" for h in r["hints"])
                    + "</ol></details>"
                )
        elif r.get("message") and r["message"] != "Well done.":
            parts.append(f"<p>{e(r['message'])}</p>")
        if r.get("used"):
            parts.append(
                f'<p class="note">Your code calls {e(", ".join(r["used"]))}, a kit function that works '
                "out this answer: the exercise asks you to work it out yourself.</p>"
            )
        if r.get("hints_asked"):
            parts.append(
                f'<p class="note">You asked for {r["hints_asked"]} hint{"s" if r["hints_asked"] != 1 else ""}.</p>'
            )
        parts.append("</section>")
    return _page(f"Feedback: {name}", "".join(parts))


def summary_page(record: dict, results: dict[str, dict]) -> str:
    e = html.escape
    graded = [r for r in results.values() if r["rows"]]
    statuses = Counter(r["entry"]["status"] for r in results.values())
    parts = [
        f"<h1>Assignment {e(record['id'])}: workshop {e(record['workshop'])}</h1>",
        "<p>" + ", ".join(f"{n} {e(s)}" for s, n in sorted(statuses.items())) + ".</p>",
        "<h2>Exercises</h2><table><tr><th>Exercise</th><th>Right</th><th>Not yet</th><th>Not answered"
        "</th><th>Not reached</th><th>Hints asked</th><th>Most common diagnoses (rung:detail ×learners)</th></tr>",
    ]
    ids = [row["exercise"] for row in graded[0]["rows"]] if graded else []
    for i, ex_id in enumerate(ids):
        rows = [r["rows"][i] for r in graded]
        c = Counter(row["status"] for row in rows)
        rungs = Counter(
            (row["rung"], row["detail"]) for row in rows if row["status"] not in ("correct", "unanswered", NOT_REACHED)
        )
        common = "; ".join(
            f"{e(rung)}{(':' + e(detail)) if detail else ''} ×{n}" for (rung, detail), n in rungs.most_common(4)
        )
        asked = sum(row.get("hints_asked", 0) for row in rows)
        parts.append(
            f"<tr><td>{e(ex_id)} {e(rows[0]['title'])}</td><td>{c['correct']}</td><td>{c['wrong']}</td>"
            f"<td>{c['unanswered']}</td><td>{c[NOT_REACHED]}</td><td>{asked}</td><td>{common}</td></tr>"
        )
    parts.append("</table>")
    rungs = Counter(row["rung"] for r in graded for row in r["rows"] if row["status"] == "wrong")
    if rungs:
        parts.append(
            "<h2>Mistakes, by rung of the diagnosis ladder</h2><ul>"
            + "".join(f"<li>{e(k)}: {n}</li>" for k, n in rungs.most_common())
            + "</ul>"
        )
    used = [(lid, row["exercise"], row["used"]) for lid, r in results.items() for row in r["rows"] if row.get("used")]
    if used:
        parts.append(
            "<h2>Answers worked out by a kit function</h2><ul>"
            + "".join(f"<li>{e(lid)}, {e(ex)}: {e(', '.join(fs))}</li>" for lid, ex, fs in used)
            + "</ul>"
        )
    stopped = [(lid, r["run"].get("stopped")) for lid, r in results.items() if r["run"].get("stopped")]
    if stopped:
        parts.append(
            "<h2>Runs that were stopped</h2><ul>"
            + "".join(f"<li>{e(lid)}: {e(why)}</li>" for lid, why in stopped)
            + "</ul>"
        )
    return _page(f"Assignment {record['id']}", "".join(parts))


def _cell(v):
    """A spreadsheet cell that is never a formula (text starting = + - @ is quoted with ')."""
    return "'" + v if isinstance(v, str) and v[:1] in ("=", "+", "-", "@", "\t", "\r") else v


class _Safe:
    def __init__(self, w):
        self.w = w

    def writerow(self, row):
        self.w.writerow([_cell(v) for v in row])


def _gradebook(record: dict, results: dict[str, dict], ids: list[str]) -> str:
    buf = io.StringIO()
    w = _Safe(csv.writer(buf, lineterminator="\n"))
    w.writerow(
        [
            "learner",
            "name",
            "status",
            "late_minutes",
            "score",
            "right",
            "exercises",
            "hints_asked",
            "run",
            "used_a_kit_answer",
            *ids,
            *[f"{i} hints" for i in ids],
        ]
    )
    for lid, r in results.items():
        rows = {row["exercise"]: row for row in r["rows"]}
        right = sum(row["status"] == "correct" for row in rows.values())
        hints = sum(row.get("hints_asked", 0) for row in rows.values())
        w.writerow(
            [
                lid,
                record["learners"][lid]["name"],
                r["entry"]["status"],
                r["entry"].get("late_minutes", ""),
                f"{right / len(ids):.3f}" if ids and rows else ("0.000" if ids else ""),
                right,
                len(ids),
                hints,
                r["run"].get("stopped") or ("ran" if r["run"] else "not run"),
                " ".join(f"{i}:{'+'.join(rows[i]['used'])}" for i in ids if rows.get(i, {}).get("used")),
                *[rows[i]["status"] if i in rows else "" for i in ids],
                *[rows[i].get("hints_asked", 0) if i in rows else "" for i in ids],
            ]
        )
    return buf.getvalue()


# --------------------------------------------------------------------------- grading


def grade(out: str | Path, jobs: int = 2, say=print, **limits) -> Path:
    """Grade every collected submission of the assignment in ``out``; returns the gradebook's path.

    ``limits``: ``cell_timeout``, ``total_timeout`` (seconds) and ``limits`` (resource limits)
    for :func:`kit.coursework.sandbox.run`.
    """
    from .towns import registered

    out = Path(out).expanduser().resolve()
    record = load_record(out)
    module = out / INSTRUCTOR / record["exercises_module"] if record.get("exercises_module") else None
    with registered(module) as own:  # the assignment's own exercises, for this grading only
        return _grade(out, record, own, jobs, say, limits)


def _grade(out: Path, record: dict, own: list, jobs: int, say, limits: dict) -> Path:
    import nbformat

    from .. import workshops
    from ..workspace import write_atomic
    from . import sandbox
    from .collect import CollectError
    from .towns import workshop_and_own

    inst = out / INSTRUCTOR
    subs = inst / "submissions"
    try:
        collected = json.loads((subs / "collected.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        raise CollectError(f"{subs}: nothing collected yet; run `kit collect {out} FROM` first") from None
    exercise_list = workshop_and_own(record["workshop"], own)
    ids = [ex.id for ex in exercise_list]
    if sandbox.isolation() == "none":
        say(
            "WARNING: bubblewrap (bwrap) is not installed: submissions run with limits but NOT isolated. "
            "Install it (Debian: apt install bubblewrap) before grading work you do not trust."
        )
    results: dict[str, dict] = {}
    todo = []
    for lid in record["learners"]:
        entry = collected["learners"].get(lid, {"status": "missing", "flags": []})
        results[lid] = {"entry": entry, "rows": [], "run": {}}
        if entry["status"] in ("submitted", "late"):
            todo.append(lid)
        elif entry["status"] == "empty":
            results[lid]["rows"] = [
                dict(
                    exercise=ex.id,
                    title=ex.title,
                    hints=list(ex.hints),
                    status="unanswered",
                    rung="unanswered",
                    detail="",
                    answer="",
                    shown="",
                    hints_asked=0,
                    message="Not answered: the notebook was handed in as it was handed out.",
                )
                for ex in exercise_list
            ]
    slots: queue.Queue = queue.Queue()
    for k in range(max(1, jobs)):
        slots.put(k)

    def run_one(lid: str):
        slot = slots.get()
        try:
            return lid, sandbox.run(subs / f"{lid}.ipynb", inst / "towns" / lid, slot=slot, **limits)
        finally:
            slots.put(slot)

    names = givers(record["workshop"])
    handed_out = "\n".join(
        c.source
        for c in nbformat.read(workshops.get(record["workshop"]).learner_path(), as_version=4).cells
        if c.cell_type == "code"
    )
    say(f"grading {len(todo)} submissions ({max(1, jobs)} at a time, isolation: {sandbox.isolation()}) ...")
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = [pool.submit(run_one, lid) for lid in todo]
        for n, fut in enumerate(as_completed(futures), 1):
            lid, run = fut.result()
            report = run_report(run.report)
            if run.killed:  # the grader's own word on how the run ended comes first
                report["stopped"] = clean(run.killed)
            report.update(isolation=run.isolation, seconds=run.seconds)
            rows = judge(exercise_list, events(run.channel), inst / "towns" / lid)
            log = subs / f"{lid}.log.jsonl"
            asked = hints_asked(log.read_bytes()[: 4 * 2**20]) if log.is_file() else Counter()
            used = giveaways((subs / f"{lid}.ipynb").read_bytes(), handed_out, names)
            for row in rows:
                row["hints_asked"] = asked.get(row["exercise"], 0)
                row["used"] = used.get(row["exercise"], [])
            results[lid].update(rows=rows, run=report)
            right = sum(r["status"] == "correct" for r in rows)
            say(
                f"  [{n}/{len(todo)}] {lid}: {right} of {len(rows)} right ({run.seconds:.1f} s)"
                + (f"; {report['stopped']}" if report.get("stopped") else "")
            )
    graded = inst / "graded"
    (graded / "feedback").mkdir(parents=True, exist_ok=True)
    (graded / "results").mkdir(parents=True, exist_ok=True)
    for lid, r in results.items():
        write_atomic(graded / "results" / f"{lid}.json", (json.dumps(r, indent=1, default=str) + "\n").encode())
        if r["entry"]["status"] != "missing":
            page = feedback_page(record["learners"][lid]["name"], record, r["entry"], r["rows"], r["run"])
            write_atomic(graded / "feedback" / f"{lid}.html", page.encode())
    write_atomic(graded / "summary.html", summary_page(record, results).encode())
    book = graded / "gradebook.csv"
    write_atomic(book, _gradebook(record, results, ids).encode())
    say(f"gradebook: {book}; feedback pages: {graded / 'feedback'}; summary: {graded / 'summary.html'}")
    return book
