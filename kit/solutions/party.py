"""Reference solutions for workshop party (shim: registrations still live in kit.party)."""

from .. import party as _topic  # noqa: F401  (importing it registers the exercises)
