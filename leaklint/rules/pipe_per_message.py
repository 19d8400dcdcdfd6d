"""LL013 pipe-per-message.

What it does:
    Finds `src.pipe(dest)` calls whose destination is long-lived (a
    module-level stream, `process.stdout`/`process.stderr`, an imported
    singleton, a field of a singleton) made from code that runs again and
    again (a request, connection or event handler, a timer, a method or
    constructor of a class with many instances), when nothing in the file ever calls
    `unpipe()` on the source or for that destination.

Why is this a leak:
    Every `pipe()` adds `'unpipe'`, `'drain'`, `'error'`, `'close'` and
    `'finish'` listeners to the destination, and they are removed only when
    the source ends or is unpiped. A source that errors, stalls or stays open
    (a socket, a child's stdout, a long poll) leaves its listeners, and
    through them the source and its buffers, on the long-lived destination;
    one per message adds up, and Node's `MaxListenersExceededWarning` on the
    destination is the usual symptom. With the default `{ end: true }`, the
    first source to end also ends the shared destination.

Example:
    const audit = fs.createWriteStream('audit.log', { flags: 'a' });
    app.post('/upload', (req, res) => {
      req.pipe(audit, { end: false });
      req.on('end', () => res.end());
    });

Use instead:
    const audit = fs.createWriteStream('audit.log', { flags: 'a' });
    app.post('/upload', (req, res) => {
      req.pipe(audit, { end: false });
      req.on('close', () => req.unpipe(audit));
      req.on('end', () => res.end());
    });

Fix safety:
    `--fix --unsafe-fixes` adds `res.once('close', () => src.unpipe(dest));`
    after the pipe in a request handler (the source's own 'close' elsewhere).
    Unsafe: what the source produces after the response closed is no longer
    written to the destination.

Known false positives:
    Sources that always end soon (a file read to completion), where Node
    removes the listeners itself (the output of `exec()`/`execFile()`, which
    run commands that finish, is not reported); an `unpipe()` made in
    another file. Pipes in a loop are not reported: the loop bounds them,
    and the listeners go when the sources end.
"""

from __future__ import annotations

from leaklint import syntax
from leaklint.syntax import Node
from leaklint.findings import FixAvailability, Severity
from leaklint.model.lifetime import Lifetime, LifetimeFact
from leaklint.model.options import ModelOptions
from leaklint.rules.base import RelatedNode, Rule, RuleContext
from leaklint.rules.fixes.pipes import unpipe_on_close


class PipePerMessage(Rule):
    """A new source piped into a long-lived destination from repeated code, never unpiped."""

    code = "LL013"
    name = "pipe-per-message"
    severity = Severity.WARNING
    fix = FixAvailability.SOMETIMES
    summary = "A new source is piped into a long-lived stream on every call and never unpiped"
    fix_title = "Unpipe the source when it closes or errors (or use stream.pipeline() with a per-call destination)"
    precision = "high"

    @classmethod
    def required_words(cls, options: ModelOptions) -> frozenset[str]:
        """Only `.pipe()` calls are checked."""
        return frozenset({"pipe"})

    def on_file_end(self, ctx: RuleContext) -> None:
        """Check every `.pipe(dest)` call."""
        model = ctx.model
        unpiped = self._unpiped(ctx)
        for site in model.method_calls("pipe"):
            dest = site.argument(0)
            source = syntax.unwrap(site.receiver)
            if dest is None or source is None or dest.type not in ("identifier", "member_expression"):
                continue
            frequency = model.frequency(site.function)
            lifetime = model.lifetime(dest)
            if not lifetime.is_long_lived:
                lifetime = _outlives_repeats(model, dest, site.function, frequency)
                if lifetime is None:
                    continue  # a per-call destination goes away with its listeners
            if model.lifetime(source).is_long_lived:
                continue  # one long-lived source into one long-lived destination: piped once per pair
            if _output_of_finished_command(model, source):
                continue  # `exec(cmd).stdout`: ends when the command exits, and pipe() then unpipes itself
            source_path, dest_path = model.access_path(source), model.access_path(dest)
            if source_path in unpiped or dest_path in unpiped:
                continue
            if not frequency.repeats_for_sure:
                continue  # once, or a loop's bounded number of sources that end with it
            dest_text = model.node_text(dest, 40)
            where = model.describe_function(site.function)
            when = f" {frequency.phrase}" if frequency.phrase else ""
            related = []
            if frequency.node is not None:
                related.append(RelatedNode(frequency.node, f"runs repeatedly: {frequency.reason}"))
            if lifetime.node is not None and lifetime.node is not dest:
                related.append(RelatedNode(lifetime.node, f"`{dest_text}` is long-lived: {lifetime.reason}"))
            ctx.report(
                site.node,
                f"a new source is piped into long-lived `{dest_text}` in {where}{when} and never unpiped; each "
                f"pipe() adds listeners to `{dest_text}` that stay there (with the source) until the source ends",
                related,
                fix=unpipe_on_close(model, site, source, dest),
            )

    @staticmethod
    def _unpiped(ctx: RuleContext) -> set:
        """Access paths of sources that are unpiped, and of destinations something is unpiped from."""
        model = ctx.model
        paths = set()
        for site in model.method_calls("unpipe"):
            paths.add(model.access_path(syntax.unwrap(site.receiver)))
            if site.arguments:
                paths.add(model.access_path(site.argument(0)))
        paths.discard(None)
        return paths


# child_process functions that buffer a command's output and call back once it exits: for commands that end.
_COMMAND_RUNNERS = frozenset({"exec", "execFile"})


def _output_of_finished_command(model, source: Node) -> bool:
    """`child.exec(cmd, cb).stdout` (directly or through a local): the output stream of a command that ends.

    `exec()`/`execFile()` collect the output for the callback and have a
    `maxBuffer`: they run commands that finish, and a source that ends is
    unpiped by Node itself.  `spawn()` is not among them (it runs servers
    and watchers as well).
    """
    if source.type != "member_expression" or syntax.text(source.child_by_field_name("property")) not in (
        "stdout", "stderr"
    ):
        return False
    child = syntax.unwrap(source.child_by_field_name("object"))
    if child is not None and child.type == "identifier":
        child = model.local_value(child)
    if child is None or child.type != "call_expression":
        return False
    callee = syntax.unwrap(child.child_by_field_name("function"))
    if callee is not None and callee.type == "member_expression":
        callee = callee.child_by_field_name("property")
    return callee is not None and syntax.text(callee) in _COMMAND_RUNNERS


def _outlives_repeats(model, dest: Node, function, frequency) -> LifetimeFact | None:
    """A destination held by a function that runs once, piped into from a handler nested in it.

    `function setup() { const sink = ...; emitter.on('data', () => src.pipe(sink)); }`:
    `sink` lives as long as the handler, so every run adds to the same destination.
    """
    if function is None or not frequency.repeats_for_sure:
        return None
    root = dest
    while root.type == "member_expression":
        root = syntax.unwrap(root.child_by_field_name("object"))
        if root is None:
            return None
    binding = model.resolve(root) if root.type == "identifier" else None
    if binding is None or binding.kind not in ("const", "let", "var"):
        return None
    holder = model.function_at(binding.node)
    if holder is None or holder is function or not holder.contains(function.node):
        return None  # module level is the lifetime model's business; a local of the handler is per call
    if model.frequency(holder).runs_repeatedly:
        return None  # the holder itself runs again, with a new destination each time
    return LifetimeFact(
        Lifetime.LONG_LIVED,
        f"`{binding.name}` is held by {model.describe_function(holder)}, which runs once, and outlives each call",
        binding.node,
    )
