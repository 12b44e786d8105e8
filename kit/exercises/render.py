"""How feedback looks: plain text in a terminal, a coloured box in a notebook.

>>> fb = Feedback("99.0", "Demo", "wrong", "Your answer is 0: nothing was counted.", rung="zero")
>>> print(fb)
✗ 99.0 Demo: not yet. Your answer is 0: nothing was counted.
>>> bool(fb), fb.rung
(False, 'zero')
"""

from __future__ import annotations

import html
from dataclasses import dataclass

__all__ = ["Feedback", "Text", "STATUSES"]

# correct | wrong | unanswered | error (the kit could not compute the expected answer) |
# recorded (an assignment's answer kept for grading: the learner's side cannot judge it)
STATUSES = ("correct", "wrong", "unanswered", "error", "recorded")
_MARK = {"correct": "✓", "wrong": "✗", "unanswered": "…", "error": "!", "recorded": "•"}
_HEAD = {
    "correct": "correct",
    "wrong": "not yet",
    "unanswered": "not answered yet",
    "error": "could not check",
    "recorded": "recorded for grading",
}
_BOX = {
    "correct": "✓ Correct",
    "wrong": "✗ Not yet",
    "unanswered": "… Not answered yet",
    "error": "! Could not check",
    "recorded": "• Recorded for grading",
}
_COLOUR = {"correct": "#1a7f37", "wrong": "#b35900", "unanswered": "#555555", "error": "#8250df", "recorded": "#0b5cad"}


@dataclass(frozen=True)
class Feedback:
    """The outcome of one ``check``.

    status:  one of :data:`STATUSES`
    message: what happened and what to do (at most ~300 characters)
    rung:    which rung of the diagnosis ladder gave the message (one of
             :data:`kit.exercises.RUNGS`: "correct", "unanswered", "mistake", "percent", ...)
    detail:  more about the rung, for a gradebook: a mistake's key ("m2", "utc"), the transform
             ("x100", "2" places, "case", ...), or ""
    """

    exercise: str
    title: str
    status: str
    message: str
    rung: str = ""
    detail: str = ""

    @property
    def correct(self) -> bool:
        return self.status == "correct"

    def __bool__(self) -> bool:
        return self.correct

    def __str__(self) -> str:
        sep = " —" if self.title.endswith(("?", "!")) else ":"
        return f"{_MARK[self.status]} {self.exercise} {self.title}{sep} {_HEAD[self.status]}. {self.message}"

    __repr__ = __str__

    def _repr_html_(self) -> str:
        colour = _COLOUR[self.status]
        return (
            f'<div class="kit-feedback kit-{self.status}" role="status" style="border-left:6px solid '
            f'{colour};padding:0.4em 0.8em;margin:0.3em 0;font-size:1.05em">'
            f'<strong style="color:{colour}">{_BOX[self.status]}</strong> — exercise '
            f"{html.escape(self.exercise)}, {html.escape(self.title)}<br>{html.escape(self.message)}</div>"
        )


@dataclass(frozen=True)
class Text:
    """Plain text that also renders as Markdown in a notebook."""

    markdown: str

    def __repr__(self) -> str:
        return self.markdown

    def _repr_markdown_(self) -> str:
        return self.markdown
