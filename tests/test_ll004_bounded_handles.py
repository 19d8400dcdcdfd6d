"""LL004: handles whose store or clear the model must see through a callback, a close path or a helper."""

import pytest

from tests.ruletest import run

RULE = "LL004"

_CONSTRUCTOR_CALLBACK = """
export class LatestBlocks {
  private reloadInterval: any;
  constructor(ngZone: any) {
    %WRAP%
  }
  load() {}
  ngOnDestroy() { clearInterval(this.reloadInterval); }
}
"""
_STORE = "this.reloadInterval = setInterval(() => this.load(), 30000);"


@pytest.mark.parametrize(
    "wrap, reported",
    [
        # an arrow its callee runs once, in the constructor: `this` is the new instance, nothing to overwrite
        ("ngZone.runOutsideAngular(() => { %S });", False),
        ("ngZone.run(() => { %S });", False),
        ("Promise.resolve().then(() => { %S });", False),
        ("new Promise((resolve) => { %S resolve(); });", False),
        ("setTimeout(() => { %S }, 10);", False),
        ("process.nextTick(() => { %S });", False),
        ("%S", False),
        # look-alikes: callbacks that may run many times on the one instance
        ("[1, 2].forEach(() => { %S });", True),
        ("ngZone.onStable.subscribe(() => { %S });", True),
        ("window.addEventListener('focus', () => { %S });", True),
        ("setInterval(() => { %S }, 1000);", True),
        ("db.run(() => { %S });", True),  # not a zone: how often it calls back is unknown
    ],
)
def test_a_store_in_a_run_once_callback_of_the_constructor_overwrites_nothing(wrap, reported):
    code = _CONSTRUCTOR_CALLBACK.replace("%WRAP%", wrap.replace("%S", _STORE))
    findings = run(code, RULE, lang="ts")
    assert bool(findings) is reported, [f.message for f in findings]
