"""LL004: a module-level timer handle that a component's mount hook fills is shared by every instance.

Fact (leaklint/model/timers.py, ``shared_by_instances``), with cases of both signs: `let timer` at module level,
`timer = setInterval(…)` in `componentDidMount` / `mounted` / `ngOnInit`: the second instance mounted overwrites the
first one's handle. A handle kept on the instance, or a module slot written by a function that runs once, is not.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids

RULE = "LL004"

INVALID = [
    Invalid(
        """
        import React, { Component } from 'react';
        let timer;
        export class Pulse extends Component {
          componentDidMount() { timer = setInterval(() => this.update(), 50); }
          componentWillUnmount() { clearInterval(timer); }
          render() { return null; }
        }
        """,
        at=((4, 33),),
        why="every mounted Pulse writes the one module-level slot (rn-pulse)",
        lang="tsx",
        message_contains="which every instance shares",
    ),
    Invalid(
        """
        let poll;
        export default {
          mounted() { poll = setInterval(() => this.refresh(), 1000); },
          beforeDestroy() { clearInterval(poll); },
          methods: { refresh() {} },
        };
        """,
        at=((3, 22),),
        why="a Vue component's mounted() filling a module-level handle",
    ),
]

VALID = [
    Valid(
        """
        import React, { Component } from 'react';
        export class Pulse extends Component {
          componentDidMount() { this.timer = setInterval(() => this.update(), 50); }
          componentWillUnmount() { clearInterval(this.timer); }
          render() { return null; }
        }
        """,
        why="the handle is kept on the instance",
        lang="tsx",
    ),
    Valid(
        """
        let timer;
        export function startClock() {
          if (timer) return;
          timer = setInterval(tick, 1000);
        }
        export function stopClock() { clearInterval(timer); timer = undefined; }
        """,
        why="a module-level clock started behind a guard, not from a component's mount",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)
