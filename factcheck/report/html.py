"""The self-contained HTML audit report: one file, no network requests, readable without JavaScript.

The page's data comes from :mod:`factcheck.report.build`; one Jinja2 template (autoescape on) lays it
out, with the stylesheet and script inlined. A Content-Security-Policy meta tag allows only those two
inline blocks (by their sha256 hashes) and forbids every other load.
"""

from __future__ import annotations

import base64
import hashlib
from importlib import resources

import jinja2

from factcheck.model import Report
from factcheck.report.build import Page, build_page

TEMPLATE = "audit.html.j2"


def _asset(name: str) -> str:
    return resources.files("factcheck").joinpath("templates", name).read_text(encoding="utf-8")


def csp_hash(source: str) -> str:
    digest = hashlib.sha256(source.encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def content_security_policy(script: str, style: str) -> str:
    return "; ".join(
        (
            "default-src 'none'",
            f"script-src {csp_hash(script)}",
            f"style-src {csp_hash(style)}",
            "img-src data:",
            "base-uri 'none'",
            "form-action 'none'",
        )
    )


def _environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("factcheck", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def render_page(page: Page) -> str:
    script = _asset("audit.js")
    style = _asset("audit.css")
    template = _environment().get_template(TEMPLATE)
    return template.render(
        page=page,
        script=script,
        style=style,
        csp=content_security_policy(script, style),
    )


def render(report: Report) -> str:
    return render_page(build_page(report))
