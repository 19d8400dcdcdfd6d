"""Scopes, bindings, references, functions and classes of one file.

Built from the captures of one tree-sitter query (no Python walk of the whole
tree): scope nodes are sorted once into a nesting tree, every other node finds
its scope by bisection, declarations become bindings, and the remaining
identifiers become references resolved through the scope chain (after all
declarations are known, so hoisting needs no special case).
"""

from __future__ import annotations

import bisect
import enum
import operator
import time
from dataclasses import dataclass, field

from leaklint import syntax
from leaklint.syntax import Node


class ScopeKind(str, enum.Enum):
    """What created a scope."""

    MODULE = "module"
    FUNCTION = "function"
    CLASS = "class"
    BLOCK = "block"
    CATCH = "catch"


@dataclass(eq=False, slots=True)
class Scope:
    """A lexical scope and the bindings declared directly in it."""

    kind: ScopeKind
    node: Node
    start: int
    end: int
    parent: Scope | None
    bindings: dict[str, Binding] = field(default_factory=dict)
    function: Function | None = None
    class_info: ClassInfo | None = None
    resolved: dict[bytes, Binding | None] = field(default_factory=dict)  # name lookups already made here
    owner: Function | None = None  # the innermost function this scope is in (None at module level)
    function_scope: Scope | None = None  # the nearest function or module scope (itself for those)

    def lookup(self, name: str) -> Binding | None:
        """Resolve a name through this scope and its ancestors."""
        scope: Scope | None = self
        while scope is not None:
            binding = scope.bindings.get(name)
            if binding is not None:
                return binding
            scope = scope.parent
        return None

    def enclosing_function_scope(self) -> Scope:
        """The nearest function or module scope (where `var` lands)."""
        if self.function_scope is not None:
            return self.function_scope
        scope = self
        while scope.kind not in (ScopeKind.FUNCTION, ScopeKind.MODULE) and scope.parent is not None:
            scope = scope.parent
        return scope

    def contains(self, byte: int) -> bool:
        """Whether a byte offset lies inside this scope."""
        return self.start <= byte < self.end


@dataclass(eq=False, slots=True)
class Binding:
    """A declared name."""

    name: str
    kind: str  # var | let | const | function | class | import | param | catch
    scope: Scope
    node: Node  # the declaring identifier
    declaration: Node  # declarator, function, class, import statement or parameter list
    init: Node | None = None  # the initialiser when the name is declared alone (not destructured)
    destructured_from: Node | None = None  # the value a destructuring pattern reads from
    references: list[Reference] = field(default_factory=list)

    @property
    def is_module_level(self) -> bool:
        """Declared in the module scope."""
        return self.scope.kind is ScopeKind.MODULE

    @property
    def writes(self) -> list[Reference]:
        """References that assign to the binding."""
        return [r for r in self.references if r.is_write]

    @property
    def reads(self) -> list[Reference]:
        """References that read the binding."""
        return [r for r in self.references if not r.is_write]

    def assigned_values(self) -> list[Node]:
        """The initialiser and the right-hand side of every plain `name = value` assignment, in that order."""
        values = [self.init] if self.init is not None else []
        for reference in self.writes:
            parent = reference.node.parent
            if parent is not None and parent.type == "assignment_expression":
                values.append(parent.child_by_field_name("right"))
        return values


@dataclass(eq=False, slots=True)
class Reference:
    """An identifier that names a binding (or an unresolved global)."""

    node: Node
    name: str
    scope: Scope
    binding: Binding | None = None
    is_write: bool = False


@dataclass(eq=False)
class Function:
    """A function, arrow function or method, and how it comes to exist."""

    node: Node
    scope: Scope
    name: str | None = None
    params: list[Binding] = field(default_factory=list)
    params_node: Node | None = None
    body: Node | None = None
    # How the function is created, filled in by the builder:
    #   ("argument", call, index)  passed to a call or `new`
    #   ("option", call, index, key)  a property of an object passed to a call
    #   ("iife", call)  called where it is defined
    #   ("declared", binding)  a declaration or `const f = () => …`
    #   ("assigned", left)  `x.y = function …`
    #   ("property", key)  a property or method of an object literal
    #   ("method", class_info, name, is_static)
    #   ("returned", function_or_None)
    context: tuple = ()
    exported: bool = False

    @property
    def parent(self) -> Function | None:
        """The enclosing function, or None at module level."""
        scope = self.scope.parent
        return scope.owner if scope is not None else None

    @property
    def class_info(self) -> ClassInfo | None:
        """The class this function is a method of, if any."""
        if self.context and self.context[0] == "method":
            return self.context[1]
        return None

    @property
    def method_name(self) -> str | None:
        """The method's name if this is a class method."""
        if self.context and self.context[0] == "method":
            return self.context[2]
        return None

    def contains(self, node: Node) -> bool:
        """Whether a node lies inside this function."""
        return self.scope.start <= node.start_byte < self.scope.end

    @property
    def this_owner(self) -> Function | None:
        """The function whose `this` this one sees: itself, or for an arrow the nearest enclosing non-arrow (None at module level)."""
        function: Function | None = self
        while function is not None and function.node.type == "arrow_function":
            function = function.parent
        return function

    @property
    def literal_object(self) -> Node | None:
        """The object literal this function is a method or a property value of (`{ m() {} }`, `{ m: () => … }`)."""
        parent = self.node.parent
        if parent is not None and parent.type == "pair":
            parent = parent.parent
        return parent if parent is not None and parent.type == "object" else None

    def declares_parameter(self, node: Node | None) -> bool:
        """Whether ``node`` lies in the function's own parameter list (not in a default value's arrow)."""
        params = self.params_node
        return node is not None and params is not None and params.start_byte <= node.start_byte < params.end_byte

    def argument_targets(self) -> list[Node | None]:
        """What each argument position binds, in order: a name, a pattern or a rest element.

        `x`, `x = 1`, `x: T` and `x?: T = 1` give the identifier; TypeScript's
        `this: T` takes no argument and is left out, like comments.
        """
        params = self.params_node
        if params is None:
            return []
        if params.type == "identifier":  # `x => …`
            return [params]
        targets: list[Node | None] = []
        for parameter in params.named_children:
            if parameter.type == "comment":
                continue
            target = parameter
            if target.type in ("required_parameter", "optional_parameter"):
                target = target.child_by_field_name("pattern")
            if target is not None and target.type == "assignment_pattern":
                target = target.child_by_field_name("left")
            if target is not None and target.type == "this":
                continue
            targets.append(target)
        return targets

    def parameter_position(self, identifier: Node) -> int | None:
        """The argument position a plain parameter name (`x`, `x = 1`, `x: T`) takes, else None."""
        for position, target in enumerate(self.argument_targets()):
            if target is not None and target.type == "identifier" and target.start_byte == identifier.start_byte:
                return position
        return None


@dataclass(eq=False)
class ClassInfo:
    """A class: its methods, decorators, fields and how it is instantiated."""

    node: Node
    scope: Scope
    name: str | None
    binding: Binding | None
    superclass: str | None
    decorators: tuple[str, ...]
    methods: dict[str, list[Function]] = field(default_factory=dict)
    # field name -> value nodes assigned to it (`this.x = v`, `x = v` field definitions)
    instance_fields: dict[str, list[Node]] = field(default_factory=dict)
    static_fields: dict[str, list[Node]] = field(default_factory=dict)
    # constructor parameters declared with an accessibility modifier (TypeScript)
    parameter_properties: dict[str, Binding] = field(default_factory=dict)


FUNCTION_KINDS = frozenset(syntax.FUNCTION_KINDS)
_PATTERN_CONTAINERS = frozenset(
    {
        "object_pattern",
        "array_pattern",
        "pair_pattern",
        "rest_pattern",
        "assignment_pattern",
        "object_assignment_pattern",
    }
)


def pattern_identifiers(pattern: Node) -> list[Node]:
    """The identifiers a destructuring pattern declares or assigns (defaults excluded)."""
    found: list[Node] = []
    stack = [pattern]
    while stack:
        node = stack.pop()
        kind = node.type
        if kind in ("identifier", "shorthand_property_identifier_pattern"):
            found.append(node)
        elif kind == "pair_pattern":
            value = node.child_by_field_name("value")
            if value is not None:
                stack.append(value)
        elif kind in ("assignment_pattern", "object_assignment_pattern"):
            left = node.child_by_field_name("left")
            if left is not None:
                stack.append(left)
        elif kind in _PATTERN_CONTAINERS:
            stack.extend(reversed(node.named_children))
    return found


class ScopeTree:
    """The builder's result: every scope, binding, reference, function and class."""

    def __init__(self, tree, captures: dict[str, list[Node]], source: bytes) -> None:
        self.root: Node = tree.root_node
        self.captures = captures
        # The bytes the tree was parsed from: a name is read as a slice of them. `Node.text` gives the same
        # bytes but builds a memoryview and a slice object for each node (about five times the work).
        self.source = source
        self.module_scope = Scope(ScopeKind.MODULE, self.root, 0, self.root.end_byte + 1, None)
        self.module_scope.function_scope = self.module_scope
        self.scopes: list[Scope] = []
        # The innermost scope is constant between consecutive scope boundaries:
        # segment i starts at _segment_starts[i] and belongs to _segment_scopes[i].
        self._segment_starts: list[int] = [0]
        self._segment_scopes: list[Scope] = [self.module_scope]
        self.functions: dict[int, Function] = {}  # keyed by node start byte
        self.classes: dict[int, ClassInfo] = {}
        self.bindings: list[Binding] = []
        self.globals: dict[str, list[Reference]] = {}
        self.binding_at: dict[int, Binding] = {}  # declaring identifier start byte -> binding
        self.reference_at: dict[int, Reference] = {}
        self._ignored: set[int] = set()
        self._writes: set[int] = set()
        self._parameter_properties: list[tuple[Function, Binding]] = []
        self._argument_positions: dict[int, tuple[dict[int, int], int]] = {}  # arguments node id -> positions
        self._build_scopes()
        self._declare()
        self._resolve()
        self._attach_contexts()
        self._collect_class_members()

    # -- scopes -------------------------------------------------------------

    def _build_scopes(self) -> None:
        captures = self.captures
        entries: list[tuple[int, int, ScopeKind, Node, Function | None]] = []
        body_starts: set[int] = set()
        for node in captures.get("function", ()):
            function = self._new_function(node)
            if function.body is not None:
                body_starts.add(function.body.start_byte)
            entries.append((node.start_byte, -node.end_byte, ScopeKind.FUNCTION, node, function))
        for node in captures.get("class", ()):
            entries.append((node.start_byte, -node.end_byte, ScopeKind.CLASS, node, None))
        for node in captures.get("for", ()):
            entries.append((node.start_byte, -node.end_byte, ScopeKind.BLOCK, node, None))
        for node in captures.get("catch", ()):
            entries.append((node.start_byte, -node.end_byte, ScopeKind.CATCH, node, None))
        blocks: set[int] = set()
        lexical = [s for s in captures.get("lexical", ()) if s.type == "lexical_declaration"]  # `var` needs no block
        parents = syntax.ancestors(self.root, lexical, 1)
        for statement in lexical:
            block = (parents.get(statement.id) or (None,))[0]
            if block is None or block.type != "statement_block":
                continue
            start = block.start_byte
            if start in body_starts or start in blocks:
                continue  # a function body shares the function's scope
            blocks.add(start)
            entries.append((start, -block.end_byte, ScopeKind.BLOCK, block, None))
        entries.sort(key=lambda e: (e[0], e[1]))
        module = self.module_scope
        stack = [module]
        scopes = self.scopes
        segment_starts = self._segment_starts
        segment_scopes = self._segment_scopes
        for start, negative_end, kind, node, function in entries:
            while stack[-1] is not module and stack[-1].end <= start:
                ended = stack.pop()
                segment_starts.append(ended.end)
                segment_scopes.append(stack[-1])
            parent = stack[-1]
            scope = Scope(kind, node, start, -negative_end, parent)
            if function is not None:
                scope.function = function
                scope.owner = function
                scope.function_scope = scope
                function.scope = scope
            else:
                scope.owner = parent.owner
                scope.function_scope = parent.function_scope
            scopes.append(scope)
            segment_starts.append(start)
            segment_scopes.append(scope)
            stack.append(scope)
        while len(stack) > 1:
            ended = stack.pop()
            segment_starts.append(ended.end)
            segment_scopes.append(stack[-1])

    def _new_function(self, node: Node) -> Function:
        function = Function(node=node, scope=self.module_scope)
        function.params_node = node.child_by_field_name("parameters") or node.child_by_field_name("parameter")
        function.body = node.child_by_field_name("body")
        if node.type != "method_definition" and node.type != "arrow_function":
            name = node.child_by_field_name("name")
            if name is not None:
                function.name = syntax.text(name)
        self.functions[node.start_byte] = function
        return function

    def scope_at(self, byte: int) -> Scope:
        """The innermost scope containing a byte offset."""
        return self._segment_scopes[bisect.bisect_right(self._segment_starts, byte) - 1]

    def function_at(self, byte: int) -> Function | None:
        """The innermost function containing a byte offset (None at module level)."""
        return self._segment_scopes[bisect.bisect_right(self._segment_starts, byte) - 1].owner

    # -- declarations -------------------------------------------------------

    def _declare_name(
        self, identifier: Node, kind: str, scope: Scope, declaration: Node, init: Node | None = None,
        destructured_from: Node | None = None,
    ) -> Binding:
        name = self.source[identifier.start_byte:identifier.end_byte].decode("utf-8", "replace")
        binding = Binding(name, kind, scope, identifier, declaration, init, destructured_from)
        existing = scope.bindings.get(name)
        if existing is None or existing.kind in ("var", "function"):
            scope.bindings[name] = binding
        self.bindings.append(binding)
        self.binding_at[identifier.start_byte] = binding
        return binding

    def _declare(self) -> None:
        for statement in self.captures.get("lexical", ()):
            kind = "var"
            if statement.type == "lexical_declaration":
                first = statement.child(0)
                kind = first.type if first is not None and first.type in ("let", "const") else "let"
            for declarator in statement.named_children:
                if declarator.type == "variable_declarator":
                    self._declare_declarator(declarator, kind)
        for loop in self.captures.get("for", ()):
            if loop.type == "for_in_statement":
                self._declare_for_in(loop)
        for function in self.functions.values():
            params = function.params_node
            if params is None:
                continue
            if params.type == "identifier":  # `x => …`
                function.params.append(self._declare_name(params, "param", function.scope, params))
            else:
                self._declare_params(function, params)
        for parameter in self.captures.get("catch_param", ()):
            scope = self.scope_at(parameter.start_byte)
            for identifier in pattern_identifiers(parameter):
                self._declare_name(identifier, "catch", scope, parameter)
        for statement in self.captures.get("import", ()):
            self._declare_import(statement)
        for node in self.captures.get("function", ()):
            if node.type in ("function_declaration", "generator_function_declaration"):
                name = node.child_by_field_name("name")
                if name is not None:
                    own = self.scope_at(node.start_byte)
                    self._declare_name(name, "function", own.parent or self.module_scope, node, node)
            elif node.type in ("function_expression", "function", "generator_function"):
                name = node.child_by_field_name("name")
                if name is not None:
                    self._declare_name(name, "function", self.scope_at(node.start_byte), node, node)
        for node in self.captures.get("class", ()):
            name = node.child_by_field_name("name")
            if name is None or name.type not in ("identifier", "type_identifier"):
                continue
            own = self.scope_at(node.start_byte)
            target = own.parent if node.type != "class" else own
            self._declare_name(name, "class", target or self.module_scope, node, node)
        for node in self.captures.get("export", ()):
            self._mark_export_specifiers(node)

    def _declare_declarator(self, declarator: Node, kind: str) -> None:
        name = declarator.child_by_field_name("name")
        value = declarator.child_by_field_name("value")
        if name is None:
            return
        scope = self.scope_at(declarator.start_byte)
        if kind == "var":
            scope = scope.enclosing_function_scope()
        if name.type == "identifier":
            self._declare_name(name, kind, scope, declarator, value)
        else:
            for identifier in pattern_identifiers(name):
                self._declare_name(identifier, kind, scope, declarator, None, value)

    def _declare_for_in(self, loop: Node) -> None:
        left = loop.child_by_field_name("left")
        if left is None:
            return
        kind_node = loop.child_by_field_name("kind")
        identifiers = [left] if left.type == "identifier" else pattern_identifiers(left)
        if kind_node is None:
            self._writes.update(i.start_byte for i in identifiers)
            return
        kind = kind_node.type
        scope = self.scope_at(loop.start_byte)
        if kind == "var":
            scope = scope.enclosing_function_scope()
        right = loop.child_by_field_name("right")
        for identifier in identifiers:
            self._declare_name(identifier, kind, scope, loop, None, right)

    def _declare_params(self, function: Function, params: Node) -> None:
        scope = function.scope
        for parameter in params.named_children:
            kind = parameter.type
            accessibility = False
            if kind in ("required_parameter", "optional_parameter"):
                accessibility = any(
                    c.type in ("accessibility_modifier", "override_modifier") or c.type == "readonly"
                    for c in parameter.children
                )
                target = parameter.child_by_field_name("pattern")
                default = parameter.child_by_field_name("value")
            elif kind == "assignment_pattern":
                target = parameter.child_by_field_name("left")
                default = parameter.child_by_field_name("right")
            else:
                target, default = parameter, None
            if target is None:
                continue
            if target.type == "identifier":
                binding = self._declare_name(target, "param", scope, params, None, default)
                function.params.append(binding)
                if accessibility:
                    binding.declaration = parameter
                    self._parameter_properties.append((function, binding))
            elif target.type == "this":
                continue
            else:
                for identifier in pattern_identifiers(target):
                    binding = self._declare_name(identifier, "param", scope, params, None, target)
                    function.params.append(binding)

    def _declare_import(self, statement: Node) -> None:
        for child in statement.named_children:
            if child.type == "import_clause":
                for part in child.named_children:
                    if part.type == "identifier":
                        self._declare_name(part, "import", self.module_scope, statement, statement)
                    elif part.type == "namespace_import":
                        for identifier in part.named_children:
                            if identifier.type == "identifier":
                                self._declare_name(identifier, "import", self.module_scope, statement, statement)
                    elif part.type == "named_imports":
                        for specifier in part.named_children:
                            if specifier.type != "import_specifier":
                                continue
                            name = specifier.child_by_field_name("name")
                            alias = specifier.child_by_field_name("alias")
                            local = alias or name
                            if alias is not None and name is not None:
                                self._ignored.add(name.start_byte)
                            if local is not None and local.type == "identifier":
                                self._declare_name(local, "import", self.module_scope, statement, specifier)
            elif child.type == "import_require_clause":
                identifier = child.named_children[0] if child.named_children else None
                if identifier is not None and identifier.type == "identifier":
                    self._declare_name(identifier, "import", self.module_scope, statement, statement)

    def _mark_export_specifiers(self, statement: Node) -> None:
        for child in statement.named_children:
            if child.type == "export_clause":
                for specifier in child.named_children:
                    alias = specifier.child_by_field_name("alias")
                    if alias is not None:
                        self._ignored.add(alias.start_byte)

    # -- references ---------------------------------------------------------

    def _resolve(self) -> None:
        writes = self._writes
        for node in self.captures.get("assign", ()):
            left = syntax.unwrap(node.child_by_field_name("left"))
            if left is None:
                continue
            if left.type == "identifier":
                writes.add(left.start_byte)
            elif left.type in ("object_pattern", "array_pattern"):
                writes.update(i.start_byte for i in pattern_identifiers(left))
        for node in self.captures.get("update", ()):
            argument = syntax.unwrap(node.child_by_field_name("argument"))
            if argument is not None and argument.type == "identifier":
                writes.add(argument.start_byte)
        # The hot loop of the model (one pass per identifier): locals and a
        # per-scope lookup cache keep it to a few dictionary operations.
        skip = self._ignored.union(self.binding_at)
        segment_starts = self._segment_starts
        segment_scopes = self._segment_scopes
        reference_at = self.reference_at
        unresolved = self.globals
        bisect_right = bisect.bisect_right
        missing = object()
        source = self.source
        identifiers = self.captures.get("id", [])
        # The query's capture lists come in no stable order; references are kept in document order so
        # that "the first use" (related locations) is the same in every run and every worker.
        identifiers.sort(key=_START_BYTE)  # already sorted by syntax.model_captures: one cheap pass
        for node in identifiers:
            start = node.start_byte
            if start in skip:
                continue
            scope = segment_scopes[bisect_right(segment_starts, start) - 1]
            raw = source[start:node.end_byte]
            cache = scope.resolved
            binding = cache.get(raw, missing)
            if binding is missing:
                binding = _lookup_caching(scope, raw, missing)
            if binding is None:
                name = raw.decode("utf-8", "replace")
                reference = Reference(node, name, scope, None, start in writes)
                unresolved.setdefault(name, []).append(reference)
            else:
                reference = Reference(node, binding.name, scope, binding, start in writes)
                binding.references.append(reference)
            reference_at[start] = reference

    @property
    def references(self) -> list[Reference]:
        """Every reference in the file (resolved or not)."""
        return list(self.reference_at.values())

    # -- how functions come to exist ----------------------------------------

    def _set_context(self, node: Node | None, context: tuple) -> None:
        node = syntax.unwrap(node)
        if node is None or node.type not in FUNCTION_KINDS:
            return
        function = self.functions.get(node.start_byte)
        if function is not None and not function.context:
            function.context = context

    def _function_ancestors(self, levels: int) -> dict[int, tuple[Node, ...]]:
        """``syntax.ancestors`` of every function node, found from the enclosing function down.

        ``Node.parent`` descends from the root each time; here each function's
        path is found from the function around it (``child_with_descendant``,
        a few levels), and the ancestors above that function are its own,
        found before (functions come in document order, outer first).  As in
        ``syntax.ancestors``, the rest go to its walk once this is slow (a
        function among very many siblings).
        """
        result: dict[int, tuple[Node, ...]] = {}
        root = self.root
        functions = list(self.functions.values())
        budget = time.perf_counter() + syntax._PARENT_BUDGET_SECONDS
        for index, function in enumerate(functions):
            if time.perf_counter() > budget:
                result.update(syntax.ancestors(root, [f.node for f in functions[index:]], levels))
                break
            node = function.node
            outer_scope = function.scope.parent
            outer = outer_scope.owner if outer_scope is not None else None
            top = outer.node if outer is not None else root
            chain: list[Node] = []
            current = top
            while True:
                child = current.child_with_descendant(node)
                if child is None:  # not below it after all: ask the node itself
                    chain = None
                    break
                if child == node:
                    break
                chain.append(child)
                current = child
            if chain is None:
                result[node.id] = tuple(syntax._parents(node, levels))
                continue
            chain.reverse()
            chain.append(top)
            if len(chain) < levels and outer is not None:
                above = result.get(top.id)
                chain.extend(above if above is not None else syntax._parents(top, levels))
            result[node.id] = tuple(chain[:levels])
        return result

    def _attach_contexts(self) -> None:
        above = self._function_ancestors(4)
        for function in self.functions.values():
            self._context_from_parent(function, above.get(function.node.id, ()))
        for binding in self.bindings:
            if binding.init is not None and binding.kind in ("const", "let", "var"):
                self._set_context(binding.init, ("declared", binding))
                if self._is_function(binding.init):
                    function = self.functions[syntax.unwrap(binding.init).start_byte]
                    function.name = function.name or binding.name
            elif binding.kind == "function":
                function = self.functions.get(binding.declaration.start_byte)
                if function is not None and function.node.type.endswith("declaration"):
                    function.context = function.context or ("declared", binding)
        for assign in self.captures.get("assign", ()):
            right = assign.child_by_field_name("right")
            left = assign.child_by_field_name("left")
            if self._is_function(right) and left is not None:
                function = self.functions[syntax.unwrap(right).start_byte]
                function.name = function.name or syntax.text(left)
            self._set_context(right, ("assigned", left))
        for statement in self.captures.get("export", ()):
            self._mark_exported(statement)

    def _context_from_parent(self, function: Function, above: tuple[Node, ...]) -> None:
        """Where a function expression stands: a call's argument, an option, an IIFE, a return value.

        ``above`` holds the function node's nearest ancestors (parent first),
        found for every function in one walk: `Node.parent` descends from the
        root, which is quadratic on deeply nested functions.
        """
        node = function.node
        if not above:
            return
        parent = above[0]
        outer = above[1] if len(above) > 1 else None
        kind = parent.type
        if kind == "parenthesized_expression":
            if outer is not None and outer.type == "call_expression" and outer.child_by_field_name("function") == parent:
                function.context = ("iife", outer)
        elif kind == "call_expression":
            if parent.child_by_field_name("function") == node:
                function.context = ("iife", parent)
        elif kind == "arguments":
            if outer is not None:
                function.context = ("argument", outer, self._argument_index(parent, node))
        elif kind == "pair" or kind == "object":
            key_node = parent.child_by_field_name("key") if kind == "pair" else node.child_by_field_name("name")
            key = (syntax.string_value(key_node) or syntax.text(key_node)) if key_node is not None else ""
            function.name = function.name or key
            rest = above[1:] if kind == "pair" else above
            obj = rest[0] if rest else None
            holder = rest[1] if len(rest) > 1 else None
            call = rest[2] if len(rest) > 2 else None
            if holder is not None and holder.type == "arguments" and call is not None:
                function.context = ("option", call, self._argument_index(holder, obj), key)
            else:
                function.context = ("property", key_node)
        elif kind == "return_statement":
            function.context = ("returned", self.function_at(parent.start_byte))
        elif kind == "arrow_function":
            function.context = ("returned", self.functions.get(parent.start_byte))
        elif kind == "export_statement":
            function.exported = True

    def _argument_index(self, arguments: Node, argument: Node) -> int:
        """``_argument_index``, with each argument list's positions found once.

        A call with thousands of function arguments asked it of each, and each
        answer made a node of every argument (quadratic).
        """
        positions = self._argument_positions.get(arguments.id)
        if positions is None:
            positions = self._argument_positions[arguments.id] = _argument_positions(arguments)
        index = positions[0].get(argument.start_byte)
        return index if index is not None else positions[1]

    def _is_function(self, node: Node | None) -> bool:
        node = syntax.unwrap(node)
        return node is not None and node.type in FUNCTION_KINDS and node.start_byte in self.functions

    def _mark_exported(self, statement: Node) -> None:
        declaration = statement.child_by_field_name("declaration")
        value = statement.child_by_field_name("value")
        for node in (declaration, value):
            node = syntax.unwrap(node)
            if node is None:
                continue
            function = self.functions.get(node.start_byte)
            if function is not None:
                function.exported = True
            if node.type in ("lexical_declaration", "variable_declaration"):
                for declarator in node.named_children:
                    init = syntax.unwrap(declarator.child_by_field_name("value"))
                    if init is not None and init.start_byte in self.functions:
                        self.functions[init.start_byte].exported = True

    # -- classes ------------------------------------------------------------

    def _collect_class_members(self) -> None:
        class_scopes = [scope for scope in self.scopes if scope.kind is ScopeKind.CLASS]
        parents = syntax.ancestors(self.root, [scope.node for scope in class_scopes], 1)
        for scope in class_scopes:
            if scope.kind is not ScopeKind.CLASS:
                continue
            node = scope.node
            name_node = node.child_by_field_name("name")
            name = syntax.text(name_node) if name_node is not None else None
            binding = self.binding_at.get(name_node.start_byte) if name_node is not None else None
            superclass = None
            decorators: list[str] = []
            for child in node.children:
                if child.type == "class_heritage":
                    superclass = syntax.text(child)
                elif child.type == "decorator":
                    decorators.append(syntax.decorator_name(child))
            parent = (parents.get(node.id) or (None,))[0]
            if parent is not None and parent.type == "export_statement":
                decorators.extend(syntax.decorator_name(c) for c in parent.children if c.type == "decorator")
            info = ClassInfo(node, scope, name, binding, superclass, tuple(decorators))
            scope.class_info = info
            self.classes[node.start_byte] = info
        if not self.classes:
            return
        for function in self.functions.values():
            if function.node.type != "method_definition":
                continue
            owner = function.scope.parent
            if owner is None or owner.kind is not ScopeKind.CLASS or owner.class_info is None:
                continue
            info = owner.class_info
            name_node = function.node.child_by_field_name("name")
            method = syntax.text(name_node) if name_node is not None else ""
            is_static = any(c.type == "static" for c in function.node.children)
            function.name = f"{info.name}.{method}" if info.name else method
            function.context = ("method", info, method, is_static)
            info.methods.setdefault(method, []).append(function)
        for node in self.captures.get("field", ()):
            owner = self.scope_at(node.start_byte)
            if owner.kind is not ScopeKind.CLASS or owner.class_info is None:
                continue
            prop = node.child_by_field_name("property") or node.child_by_field_name("name")
            value = node.child_by_field_name("value")
            if prop is None:
                continue
            is_static = any(c.type == "static" for c in node.children)
            target = owner.class_info.static_fields if is_static else owner.class_info.instance_fields
            target.setdefault(syntax.text(prop), []).append(value if value is not None else node)
            if value is not None:
                self._set_context(value, ("method", owner.class_info, syntax.text(prop), is_static))
        for function, binding in self._parameter_properties:
            info = function.class_info
            if info is not None:
                info.parameter_properties[binding.name] = binding
        for assign in self.captures.get("assign", ()):
            left = syntax.unwrap(assign.child_by_field_name("left"))
            if left is None or left.type != "member_expression":
                continue
            obj = left.child_by_field_name("object")
            prop = left.child_by_field_name("property")
            if obj is None or prop is None or obj.type != "this":
                continue
            function = self.function_at(assign.start_byte)
            function = function.this_owner if function is not None else None
            info = function.class_info if function is not None else None
            if info is not None:
                right = assign.child_by_field_name("right")
                info.instance_fields.setdefault(syntax.text(prop), []).append(right)


def _lookup_caching(scope: Scope, raw: bytes, missing: object) -> Binding | None:
    """Resolve a name from a scope and remember the answer in every scope passed on the way.

    Each (scope, name) is then looked up once, so a name used at every level
    of deep nesting costs the depth once, not once per level.
    """
    name = raw.decode("utf-8", "replace")
    passed: list[Scope] = []
    current: Scope | None = scope
    found: Binding | None = None
    while current is not None:
        known = current.resolved.get(raw, missing)
        if known is not missing:
            found = known  # type: ignore[assignment]
            break
        passed.append(current)
        binding = current.bindings.get(name)
        if binding is not None:
            found = binding
            break
        current = current.parent
    for visited in passed:
        visited.resolved[raw] = found
    return found


def _argument_positions(arguments: Node) -> tuple[dict[int, int], int]:
    """What ``_argument_index`` answers for each start byte of an argument list, and for any other node."""
    positions: dict[int, int] = {}
    index = 0
    for child in arguments.named_children:
        positions.setdefault(child.start_byte, index)
        if child.type != "comment":
            index += 1
    return positions, index


def _argument_index(arguments: Node, argument: Node) -> int:
    """The position of an argument among a call's arguments (comments skipped)."""
    index = 0
    start = argument.start_byte
    for child in arguments.named_children:
        if child.start_byte == start:
            return index
        if child.type != "comment":
            index += 1
    return index


_START_BYTE = operator.attrgetter("start_byte")
