"""The per-file semantic model every rule shares.

Built once per file from one query over the tree.  Derived facts (how often a
function runs, how long an object lives, the call-site index, which bindings a
closure captures) are computed on first request and cached, so a fact no rule
asks for costs nothing.
"""

from __future__ import annotations

from functools import cached_property

from leaklint import syntax
from leaklint.findings import SourceText
from leaklint.model.calls import AccessPath, CallSite, access_path, make_call_site
from leaklint.model.external import NO_EXTERNAL_FACTS, ExternalFacts
from leaklint.model.frequency import REQUEST_SIGNATURE_REASON, SELF_SCHEDULING_REASON, Frequency, FrequencyAnalysis, FrequencyFact
from leaklint.model.lifetime import Lifetime, LifetimeAnalysis, LifetimeFact
from leaklint.model.options import DEFAULT_OPTIONS, ModelOptions
from leaklint.model.scopes import Binding, ClassInfo, Function, Reference, Scope, ScopeKind, ScopeTree
from leaklint.syntax import Grammar, Node, Tree

__all__ = [
    "AccessPath",
    "Binding",
    "CallSite",
    "ClassInfo",
    "FileModel",
    "Frequency",
    "FrequencyFact",
    "Function",
    "Lifetime",
    "LifetimeFact",
    "Reference",
    "Scope",
    "ScopeKind",
]


def _is_statement(node: Node) -> bool:
    """A complete statement or declaration (no error inside it)."""
    kind = node.type
    return (kind.endswith("_statement") or kind.endswith("_declaration")) and not node.has_error


class FileModel:
    """Scopes, bindings, references and cached facts for one parsed file."""

    def __init__(
        self,
        path: str,
        source: bytes,
        grammar: Grammar,
        tree: Tree,
        options: ModelOptions = DEFAULT_OPTIONS,
        external: ExternalFacts = NO_EXTERNAL_FACTS,
    ) -> None:
        self.path = path
        self.external = external  # what the project link phase learned from other files
        self.options = options  # user-configured names (long-lived receivers, handler registrations, …)
        self.source = source
        self.grammar = grammar
        self.tree = tree
        self.captures = syntax.model_captures(tree, grammar)
        self.scopes = ScopeTree(tree, self.captures, source)
        self.text = SourceText(source)
        self._frequency = FrequencyAnalysis(self)
        self._lifetime = LifetimeAnalysis(self)
        self._call_sites: dict[tuple[int, int, bool], CallSite] = {}
        self._facts: dict[str, object] = {}
        # Script functions a component's markup binds to events (`@click="f"`), set by the engine for .vue/.svelte.
        self.template_handlers: frozenset[str] = frozenset()

    # -- nodes --------------------------------------------------------------

    def nodes(self, capture: str) -> list[Node]:
        """The nodes the model's query captured under a name ("new", "assign", …).

        "call" is every call with a named callee (`f()`, `a.b.f()`), derived
        from the callee indexes rather than captured separately.
        """
        if capture == "call":
            return self._calls
        return self.captures.get(capture, [])

    @cached_property
    def _calls(self) -> list[Node]:
        method_call = self.method_call_of
        name_call = self.name_call_of
        calls = [method_call[prop.start_byte][1] for prop in self.captures.get("call_method", ())]
        calls += [name_call[callee.start_byte] for callee in self.captures.get("call_name", ())]
        return calls

    @cached_property
    def method_call_of(self) -> dict[int, tuple[Node, Node]]:
        """(member expression, call) of each "call_method" property, keyed by the property's start byte.

        The same nodes as `prop.parent` and `prop.parent.parent`, from the
        query's captures: `Node.parent` descends from the root every time.
        """
        found = {}
        for call in self.captures.get("method_call", ()):
            member = call.child_by_field_name("function")
            found[member.child_by_field_name("property").start_byte] = (member, call)
        return found

    @cached_property
    def name_call_of(self) -> dict[int, Node]:
        """The call of each "call_name" callee (`callee.parent`), keyed by the callee's start byte."""
        return {call.child_by_field_name("function").start_byte: call for call in self.captures.get("name_call", ())}

    @cached_property
    def error_ranges(self) -> list[tuple[int, int]]:
        """Byte ranges of ERROR and MISSING nodes, sorted.

        An ERROR node that holds whole statements (the root of a file whose
        tail is cut off, `(function(){` never closed) counts only for its own
        stray tokens, so findings in the statements inside it are kept.
        """
        ranges = []
        for node in self.nodes("error"):
            children = node.children
            if any(_is_statement(child) for child in children):
                self.statements_in_errors = True
                ranges += [(c.start_byte, max(c.end_byte, c.start_byte + 1)) for c in children if not _is_statement(c)]
            else:
                ranges.append((node.start_byte, node.end_byte))
        ranges += [(n.start_byte, max(n.end_byte, n.start_byte + 1)) for n in self.nodes("missing")]
        return sorted(ranges)

    statements_in_errors = False  # set by error_ranges: some ERROR node held valid statements

    def in_error(self, node: Node) -> bool:
        """Whether a node lies inside (or contains) a syntax error; rules stay quiet there."""
        if not self.error_ranges:
            return False
        start, end = node.start_byte, node.end_byte
        return any(s < end and start < e for s, e in self.error_ranges)

    # -- scopes and names ---------------------------------------------------

    def scope_at(self, node_or_byte: Node | int) -> Scope:
        """The innermost scope at a node or byte offset."""
        byte = node_or_byte if isinstance(node_or_byte, int) else node_or_byte.start_byte
        return self.scopes.scope_at(byte)

    def function_at(self, node_or_byte: Node | int) -> Function | None:
        """The innermost function containing a node (None at module level)."""
        byte = node_or_byte if isinstance(node_or_byte, int) else node_or_byte.start_byte
        return self.scopes.function_at(byte)

    def function_of(self, node: Node) -> Function | None:
        """The Function object for a function node."""
        return self.scopes.functions.get(syntax.unwrap(node).start_byte) if node is not None else None

    def local_value(self, identifier: Node | None) -> Node | None:
        """What a `const`/`let`/`var` that is never reassigned was initialised with (unwrapped), or None.

        `const c = exec(cmd); c.stdout…`: the call `c` names.  None for any
        other identifier, a binding written again, or a declaration without
        an initialiser.
        """
        identifier = syntax.unwrap(identifier)
        if identifier is None or identifier.type != "identifier":
            return None
        binding = self.resolve(identifier)
        if binding is None or binding.kind not in ("const", "let", "var") or binding.writes:
            return None
        return syntax.unwrap(binding.init)

    def resolve(self, identifier: Node | None) -> Binding | None:
        """The binding an identifier refers to or declares."""
        identifier = syntax.unwrap(identifier)
        if identifier is None or identifier.type not in ("identifier", "shorthand_property_identifier"):
            return None
        reference = self.scopes.reference_at.get(identifier.start_byte)
        if reference is not None:
            return reference.binding
        return self.scopes.binding_at.get(identifier.start_byte)

    def is_global(self, identifier: Node | None, name: str | None = None) -> bool:
        """An identifier that names an unshadowed global (optionally a given one)."""
        identifier = syntax.unwrap(identifier)
        if identifier is None or identifier.type != "identifier":
            return False
        reference = self.scopes.reference_at.get(identifier.start_byte)
        if reference is None or reference.binding is not None:
            return False
        return name is None or reference.name == name

    @property
    def module_scope(self) -> Scope:
        """The file's top-level scope."""
        return self.scopes.module_scope

    @property
    def functions(self) -> list[Function]:
        """Every function in the file."""
        return list(self.scopes.functions.values())

    @property
    def classes(self) -> list[ClassInfo]:
        """Every class in the file."""
        return list(self.scopes.classes.values())

    # -- calls --------------------------------------------------------------

    def call_site(self, node: Node) -> CallSite:
        """The CallSite of a call_expression or new_expression (cached)."""
        # Chained calls (`a().then(f).catch(g)`) share a start byte; the end byte tells them apart.
        key = (node.start_byte, node.end_byte, node.type == "new_expression")
        site = self._call_sites.get(key)
        if site is None:
            site = make_call_site(node, self.function_at(node), key[2], self.source)
            self._call_sites[key] = site
        return site

    def call_passing(self, node: Node) -> CallSite | None:
        """The call (not a `new`) that takes ``node`` itself as one of its arguments, or None."""
        parent = node.parent
        call = parent.parent if parent is not None and parent.type == "arguments" else None
        if call is None or call.type != "call_expression":
            return None
        return self.call_site(call)

    @cached_property
    def _method_index(self) -> dict[bytes, list[Node]]:
        index: dict[bytes, list[Node]] = {}
        source = self.source  # a slice: the same bytes as `prop.text`, for less work
        for prop in self.nodes("call_method"):
            index.setdefault(source[prop.start_byte:prop.end_byte], []).append(prop)
        return index

    @cached_property
    def _name_index(self) -> dict[bytes, list[Node]]:
        index: dict[bytes, list[Node]] = {}
        source = self.source
        for callee in self.nodes("call_name"):
            index.setdefault(source[callee.start_byte:callee.end_byte], []).append(callee)
        return index

    def method_calls(self, *methods: str) -> list[CallSite]:
        """Calls of the form `x.method(...)` for any of the given method names, in source order."""
        index = self._method_index
        method_call = self.method_call_of
        calls = [method_call[prop.start_byte][1] for method in methods for prop in index.get(method.encode(), ())]
        calls.sort(key=lambda node: node.start_byte)
        return [self.call_site(node) for node in calls]

    def function_calls(self, *names: str) -> list[CallSite]:
        """Calls of the form `name(...)`, in source order."""
        index = self._name_index
        name_call = self.name_call_of
        calls = [name_call[callee.start_byte] for name in names for callee in index.get(name.encode(), ())]
        calls.sort(key=lambda node: node.start_byte)
        return [self.call_site(node) for node in calls]

    def access_path(self, node: Node | None) -> AccessPath | None:
        """A canonical name for `a.b.c` / `this.x`, comparable across the file."""
        owner = None
        if node is not None:
            info = self._lifetime._owner_class(node)[0]
            owner = info.node.start_byte if info is not None else None
        return access_path(node, self.scopes.reference_at, owner)

    # -- facts --------------------------------------------------------------

    def fact(self, name: str, compute):
        """A derived fact by name, computed once per file by ``compute(model)`` and cached."""
        if name not in self._facts:
            self._facts[name] = compute(self)
        return self._facts[name]

    def frequency(self, function: Function | None) -> FrequencyFact:
        """How often a function runs (None: the module top level, which runs once)."""
        return self._frequency.of(function)

    def frequency_at(self, node: Node) -> FrequencyFact:
        """How often the code at a node runs."""
        return self._frequency.of(self.function_at(node))

    def lifetime(self, node: Node | None, infer: bool = False) -> LifetimeFact:
        """How long the value of an expression lives.

        ``infer`` also accepts shape evidence (an undeclared global is long-lived);
        such facts are ``inferred`` and findings built on them have medium confidence.
        """
        return self._lifetime.of(node, infer=infer)

    def binding_lifetime(self, binding: Binding) -> LifetimeFact:
        """How long the value a binding holds lives."""
        return self._lifetime.of_binding(binding)

    def instance_lifetime(self, info: ClassInfo) -> LifetimeFact:
        """Whether a class's instances live as long as the process."""
        return self._lifetime.instance_lifetime(info)

    def captures_of(self, function: Function) -> dict[Binding, list[Reference]]:
        """The outer bindings a function's body refers to, with the references."""
        return self._captures.get(function.node.start_byte, {})

    @cached_property
    def _captures(self) -> dict[int, dict[Binding, list[Reference]]]:
        result: dict[int, dict[Binding, list[Reference]]] = {}
        for reference in self.scopes.references:
            binding = reference.binding
            if binding is None:
                continue
            target = binding.scope
            scope: Scope | None = reference.scope
            while scope is not None and scope is not target:
                if scope.kind is ScopeKind.FUNCTION and scope.function is not None:
                    result.setdefault(scope.function.node.start_byte, {}).setdefault(binding, []).append(reference)
                scope = scope.parent
        return result

    # -- descriptions -------------------------------------------------------

    def describe_function(self, function: Function | None) -> str:
        """A short human name: `getUser()`, `Poller.start()`, "the GET /x route handler"."""
        if function is None:
            return "the module top level"
        if function.name:
            return f"`{function.name}()`"
        if function.method_name:  # a class field holding an arrow function: `onLoaded = () => …`
            owner = function.class_info.name if function.class_info is not None else None
            return f"`{owner}.{function.method_name}()`" if owner else f"`{function.method_name}()`"
        fact = self.frequency(function)
        line, _ = self.text.line_col(function.node.start_byte)
        if fact.role is not None:
            return f"the {fact.role}"
        if fact.handler is not None and fact.reason == REQUEST_SIGNATURE_REASON:
            return f"the request handler at line {line}"
        if fact.handler is not None and fact.reason.startswith(SELF_SCHEDULING_REASON):
            return f"the self-scheduling function at line {line}"
        return f"the function at line {line}"

    def node_text(self, node: Node, limit: int = 60) -> str:
        """Source text of a node, shortened to one line."""
        text = " ".join(syntax.text(node).split())
        return text if len(text) <= limit else text[: limit - 3] + "..."
