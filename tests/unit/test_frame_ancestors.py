"""frame-ancestors from configuration (deploy/csp.py): default 'self', https origins allowed, anything else refused."""

from __future__ import annotations

import doctest

import pytest

import deploy.csp as csp
from deploy.csp import APP_CSP, FRAME_ANCESTORS_ENV, content_security_policy, frame_ancestors


def test_doctests() -> None:
    assert doctest.testmod(csp).failed == 0


def directive(policy: str, name: str) -> list[str]:
    found = [d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d.split()[0] == name]
    assert len(found) == 1, policy
    return found[0]


def test_default_is_self(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(FRAME_ANCESTORS_ENV, raising=False)
    assert directive(content_security_policy(APP_CSP), "frame-ancestors") == ["'self'"]


def test_the_environment_sets_who_may_frame(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(FRAME_ANCESTORS_ENV, "'self' https://www.city.minato.tokyo.jp https://*.example.jp:8443")
    policy = content_security_policy(APP_CSP)
    assert directive(policy, "frame-ancestors") == ["'self'", "https://www.city.minato.tokyo.jp",
                                                    "https://*.example.jp:8443"]
    assert directive(policy, "default-src") == ["'self'"]  # the rest of the policy unchanged


@pytest.mark.parametrize("bad", ["*", "http://city.example", "https://a.example/path", "'self' 'none'",
                                 "https://x.example;script-src *", "data:", "'unsafe-inline'"])
def test_anything_else_is_refused_naming_the_variable(bad: str) -> None:
    with pytest.raises(ValueError, match=FRAME_ANCESTORS_ENV):
        frame_ancestors(bad)
