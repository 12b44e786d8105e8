"""Reference solutions for workshop followers (shim: registrations still live in kit.followers)."""

from .. import followers as _topic  # noqa: F401  (importing it registers the exercises)
