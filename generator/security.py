"""The Content-Security-Policy the playbook is built to run under.

Defined once here; the tests serve the site with it, and deploy/nginx.conf
and docs/security.md repeat it (a test keeps them in step). The site has no
inline script, no inline style attribute and no third-party resource, so the
policy allows only the site itself.
"""

from __future__ import annotations

from collections.abc import Sequence

BASE_DIRECTIVES: tuple[tuple[str, str], ...] = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'none'"),
    ("object-src", "'none'"),
    ("base-uri", "'self'"),
    ("form-action", "'self'"),
)


def content_security_policy(frame_ancestors: Sequence[str] = ("'self'",)) -> str:
    """The policy header value; embed pages pass the intranet origins allowed to frame them.

    `frame-ancestors` works only as an HTTP header, never in a <meta> tag, so
    it is the host's job to send this.
    """
    directives = [*BASE_DIRECTIVES, ("frame-ancestors", " ".join(frame_ancestors))]
    return "; ".join(f"{name} {value}" for name, value in directives)
