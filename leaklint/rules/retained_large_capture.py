"""LL011 retained-large-capture.

What it does:
    Finds a closure that escapes into a long-lived place (returned by a
    function whose result the module keeps, stored in or registered on
    something long-lived) and that reads only one derived scalar (`.length`,
    `.size`, one field) of a large value its enclosing function built: the
    result of a `load…()`, `read…()` or `parse…()` call, `JSON.parse`,
    `readFileSync`, `new Array(n)`, `Array.from`, `Buffer.alloc`, a typed
    array.

Why is this a leak:
    A closure keeps every outer variable it refers to, whole. Reading
    `dataset.length` inside the closure keeps all of `dataset` reachable for
    as long as the closure lives, which for a closure kept at module level is
    the life of the process: 500 MB retained to answer one number.

Example:
    function processReport() {
      const hugeDataset = loadMillionRecords();
      return function getStats() {
        return { count: hugeDataset.length };
      };
    }
    const getStats = processReport();

Use instead:
    function processReport() {
      const hugeDataset = loadMillionRecords();
      const count = hugeDataset.length;
      return function getStats() {
        return { count };
      };
    }
    const getStats = processReport();

Fix safety:
    `--fix --unsafe-fixes` adds `const rowsLength = rows.length;` above the
    statement that creates the closure and makes the closure read that. Unsafe:
    the closure then sees the value as it was when it was created, not as it
    is when it runs, which differs if the large value changes in between.

Known false positives:
    A value that is small in practice although built by a loader, and a value
    that stays reachable anyway (also stored elsewhere), where moving the
    scalar out frees nothing.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.derived_captures import derived_captures
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.rules.fixes.captures import scalar_outside_closure


class RetainedLargeCapture(Rule):
    """A long-lived closure that keeps a large value alive to read one scalar of it."""

    code = "LL011"
    name = "retained-large-capture"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A long-lived closure keeps a whole large value alive but reads only its .length, .size or one field"
    fix_title = "Compute the scalar before creating the closure and capture only that"
    precision = "high"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Report every closure the model finds keeping a large value for one scalar."""
        model = ctx.model
        for found in model.fact("derived_captures", derived_captures):
            name = found.binding.name
            where = model.describe_function(found.closure) if found.closure.name else "this closure"
            ctx.report(
                found.closure.node,
                f"{where} is kept beyond its call ({found.escape_label}) and captures all of `{name}` "
                f"(built by {found.built_by}) but reads only `{name}.{found.field}`; the whole value stays "
                f"reachable as long as the closure does. Compute `{name}.{found.field}` outside the closure",
                [
                    RelatedNode(found.binding.node, f"`{name}` is built here by {found.built_by}", "retained"),
                    RelatedNode(found.reads[0], f"the only thing the closure reads of `{name}`"),
                    RelatedNode(found.escape, f"the closure is kept here: {found.escape_label}"),
                ],
                fix=scalar_outside_closure(model, found),
            )
