"""Reference solutions for workshop social (shim: registrations still live in kit.social)."""

from .. import social as _topic  # noqa: F401  (importing it registers the exercises)
