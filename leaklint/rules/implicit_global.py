"""LL012 implicit-global.

What it does:
    In sloppy-mode CommonJS scripts (`.js`/`.cjs` that use `require()` or
    `module.exports`, with no `import`/`export` and no `'use strict'`), finds
    assignments inside functions to names that no scope declares. Each one
    creates a property of the global object. Reported with high confidence
    when the value grows (`+=`, `push`, `concat`, `x[key] = …`,
    `x = [...x, …]`), and with medium confidence otherwise.

Why is this a leak:
    A name assigned without `let`, `const` or `var` in sloppy mode becomes a
    property of the global object, a GC root: whatever it holds lives as long
    as the process, and every call that appends to it keeps the old contents
    too. The function looks as if it works on a local variable, so nobody
    thinks to clear it.

Example:
    function collect(row) {
      seen = seen || [];
      seen.push(row.id);
    }
    module.exports = collect;

Use instead:
    const seen = new Set();
    function collect(row) {
      seen.add(row.id);
    }
    module.exports = collect;

Fix safety:
    `--fix --unsafe-fixes` adds `let name;` at the top of the innermost
    function that holds every use, or at the top of the module when a use is
    outside it or a call reads the value before writing it. Unsafe: another
    file could read the global, and a declaration in the function gives each
    call its own variable.

Known false positives:
    A script that shares a global with other scripts on purpose (declare it
    with `global.name = …` to make that explicit), and names declared in
    another file of a browser bundle.
"""

from __future__ import annotations

from leaklint.findings import FixAvailability, Severity
from leaklint.model.implicit_globals import implicit_globals
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.rules.fixes.globals import declare_implicit_global

MAX_RELATED_WRITES = 2


class ImplicitGlobal(Rule):
    """An undeclared name assigned inside a function of a sloppy-mode script."""

    code = "LL012"
    name = "implicit-global"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "An undeclared name assigned inside a function becomes a global (sloppy-mode CommonJS)"
    fix_title = "Declare it with let/const in the scope that owns it, or add 'use strict'"
    precision = "high"

    def on_file_end(self, ctx: RuleContext) -> None:
        """Report each implicit global at its first write inside a function."""
        model = ctx.model
        for found in model.fact("implicit_globals", implicit_globals):
            first = found.first
            where = model.describe_function(model.function_at(first.node))
            related = [
                RelatedNode(other.node, "also assigned here without a declaration")
                for other in found.writes
                if other is not first
            ][:MAX_RELATED_WRITES]
            if found.growth is not None:
                related.insert(0, RelatedNode(found.growth, f"`{found.name}` grows here", "retained"))
                ctx.report(
                    first.node,
                    f"`{found.name}` is assigned in {where} without let/const/var, so it is a property of the global "
                    f"object, and its value grows; everything added to it stays reachable for the life of the process",
                    related,
                    fix=declare_implicit_global(model, found),
                )
                continue
            ctx.report(
                first.node,
                f"`{found.name}` is assigned in {where} without let/const/var, so it becomes a global that lives as "
                "long as the process (its value does not grow here)",
                related,
                confidence="medium",
                fix=declare_implicit_global(model, found),
            )
