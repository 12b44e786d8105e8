"""Reference solutions for workshop start (shim: registrations still live in kit.start)."""

from .. import start as _topic  # noqa: F401  (importing it registers the exercises)
