"""The semantic model: scopes, bindings, references, and the facts rules share."""

import textwrap

import pytest

from leaklint import syntax
from leaklint.model import FileModel, Frequency, Lifetime
from leaklint.model.frequency import Evidence
from leaklint.model.scopes import ScopeKind


def model_of(code: str, grammar: syntax.Grammar = syntax.Grammar.JAVASCRIPT) -> FileModel:
    source = textwrap.dedent(code).lstrip("\n").encode()
    return FileModel("case.js", source, grammar, syntax.parse(source, grammar))


def ref_at(model: FileModel, line: int, column: int):
    """The reference whose identifier starts at 1-based (line, column)."""
    for reference in model.scopes.references:
        point = reference.node.start_point
        if (point[0] + 1, point[1] + 1) == (line, column):
            return reference
    raise AssertionError(f"no reference at {line}:{column}")


def function_named(model: FileModel, name: str):
    return next(f for f in model.functions if f.name == name)


def test_bindings_of_every_declaration_kind():
    model = model_of(
        """
        import def, { a as b, c } from 'm';
        import * as ns from 'n';
        const x = 1, { y, z: [w] } = o;
        let u; var v;
        function f(p, { q }, [r], s = 1, ...t) {}
        class K {}
        try {} catch ({ message }) {}
        for (const item of items) {}
        """
    )
    module = model.module_scope.bindings
    assert {n: b.kind for n, b in module.items()} == {
        "def": "import", "b": "import", "c": "import", "ns": "import",
        "x": "const", "y": "const", "w": "const", "u": "let", "v": "var", "f": "function", "K": "class",
    }
    assert [p.name for p in function_named(model, "f").params] == ["p", "q", "r", "s", "t"]
    assert "a" not in module  # the imported name, not a local binding
    names = {b.name: b.scope.kind for b in model.scopes.bindings}
    assert names["message"] is ScopeKind.CATCH
    assert names["item"] is ScopeKind.BLOCK


@pytest.mark.parametrize(
    "code, grammar, name, positions",
    [
        ("function f(a, { b }, [c], d = 1, ...e) {}", syntax.Grammar.JAVASCRIPT, "f", {"a": 0, "d": 3}),
        ("const f = key => key;", syntax.Grammar.JAVASCRIPT, "f", {"key": 0}),
        # TypeScript's `this: T` takes no argument: `key` is the first one a call passes
        ("function f(this: Window, key: string, ttl?: number) {}", syntax.Grammar.TYPESCRIPT, "f", {"key": 0, "ttl": 1}),
        ("function f(/* note */ key = 'a', other) {}", syntax.Grammar.JAVASCRIPT, "f", {"key": 0, "other": 1}),
    ],
)
def test_parameter_positions_are_argument_positions(code, grammar, name, positions):
    source = code.encode()
    model = FileModel("case.ts", source, grammar, syntax.parse(source, grammar))
    function = function_named(model, name)
    found = {p.name: function.parameter_position(p.node) for p in function.params}
    assert {n: found[n] for n in positions} == positions
    assert all(found[n] is None for n in found if n not in positions)  # patterns and rest take no plain position


def test_references_resolve_through_scopes_with_shadowing_and_hoisting():
    model = model_of(
        """
        const cache = new Map();
        function use() { return helper(cache); }
        function helper(cache) { { const cache = 2; cache; } return cache; }
        undeclared;
        """
    )
    outer = model.module_scope.bindings["cache"]
    assert ref_at(model, 2, 32).binding is outer
    assert ref_at(model, 2, 25).binding is model.module_scope.bindings["helper"]  # hoisted
    assert ref_at(model, 3, 45).binding.kind == "const"  # the block's own cache
    assert ref_at(model, 3, 61).binding.kind == "param"
    assert ref_at(model, 4, 1).binding is None and "undeclared" in model.scopes.globals


def test_writes_are_marked():
    model = model_of("let a = 1; a = 2; a += 1; a++; [a] = [3]; a;")
    binding = model.module_scope.bindings["a"]
    ordered = sorted(binding.references, key=lambda r: r.node.start_byte)
    assert [r.is_write for r in ordered] == [True, True, True, True, False]


def test_typescript_parameter_properties_and_type_positions():
    model = model_of(
        """
        type Fn = (req: Request) => void;
        class Service {
          constructor(private readonly bus: Bus, plain: number) {}
        }
        """,
        syntax.Grammar.TYPESCRIPT,
    )
    [info] = model.classes
    assert list(info.parameter_properties) == ["bus"]
    assert "req" not in {b.name for b in model.scopes.bindings}, "function-type parameters declare nothing"


@pytest.mark.parametrize(
    "code,name,frequency,evidence",
    [
        ("app.get('/x', function handler(req, res) {});", "handler", Frequency.PER_EVENT, Evidence.HANDLER),
        ("router.post('/x', auth, function handler(req, res) {});", "handler", Frequency.PER_EVENT, Evidence.HANDLER),
        ("http.createServer(function onRequest(req, res) {});", "onRequest", Frequency.PER_EVENT, Evidence.HANDLER),
        ("wss.on('connection', function onConn(ws) {});", "onConn", Frequency.PER_EVENT, Evidence.HANDLER),
        ("fastify.route({ method: 'GET', url: '/', handler: function h(request, reply) {} });", "h", Frequency.PER_EVENT, Evidence.HANDLER),
        ("fastify.addHook('onRequest', function hook(request, reply, done) {});", "hook", Frequency.PER_EVENT, Evidence.HANDLER),
        ("setInterval(function tick() {}, 10);", "tick", Frequency.REPEATED, Evidence.TIMER),
        ("function f() {} f();", "f", Frequency.ONCE, Evidence.TOP_LEVEL),
        ("(function f() {})();", "f", Frequency.ONCE, Evidence.TOP_LEVEL),
        ("export function f() {}", "f", Frequency.REPEATED, Evidence.API),
        ("function f() {} module.exports = { f };", "f", Frequency.REPEATED, Evidence.API),
        ("function f() {}", "f", Frequency.UNKNOWN, Evidence.UNKNOWN),
        ("function f() {} app.get('/x', (req, res) => f());", "f", Frequency.PER_EVENT, Evidence.HANDLER),
        ("function f() {} [1, 2].forEach(() => f());", "f", Frequency.ONCE, Evidence.TOP_LEVEL),
        ("function f() {} app.use(function mw(req, res, next) { f(); next(); });", "f", Frequency.PER_EVENT, Evidence.HANDLER),
        ("const f = () => {}; setInterval(f, 1000);", "f", Frequency.REPEATED, Evidence.TIMER),
        ("function make() { return function inner(req, res, next) {}; }", "inner", Frequency.PER_EVENT, Evidence.HANDLER),
        ("class A { m() {} }", "A.m", Frequency.REPEATED, Evidence.CLASS),
        ("class A { m() {} } module.exports = new A();", "A.m", Frequency.REPEATED, Evidence.API),
        ("class A { static m() {} }", "A.m", Frequency.REPEATED, Evidence.API),
        ("class A { constructor() {} } const a = new A();", "A.constructor", Frequency.ONCE, Evidence.TOP_LEVEL),
        ("class A { constructor() {} } export function make() { return new A(); }", "A.constructor", Frequency.REPEATED, Evidence.CLASS),
        # Meteor: every method of the object given to Meteor.methods() is an RPC any client calls; a
        # publication runs per subscription. Another object's `methods()` is nothing of the kind.
        ("Meteor.methods({ load(id) {} });", "load", Frequency.PER_EVENT, Evidence.HANDLER),
        ("Meteor.methods({ load: function (id) {} });", "load", Frequency.PER_EVENT, Evidence.HANDLER),
        ("Meteor.publish('boards', function boards() {});", "boards", Frequency.PER_EVENT, Evidence.HANDLER),
        ("schema.methods({ load(id) {} });", "load", Frequency.ONCE, Evidence.TOP_LEVEL),
        # a cluster worker told its settings once, right after the fork: its 'message' listener runs
        # as often as the code that registers it; any other send makes it a listener like any other
        (
            "const cluster = require('cluster');\n"
            "if (cluster.isPrimary) { for (let i = 0; i < 4; i++) cluster.fork().send({ i }); }\n"
            "else { process.on('message', function onMessage(m) {}); }",
            "onMessage", Frequency.ONCE, Evidence.TOP_LEVEL,
        ),
        (
            "const cluster = require('cluster');\n"
            "if (cluster.isPrimary) { const w = cluster.fork(); w.send({ i: 0 }); }\n"
            "else { process.on('message', function onMessage(m) {}); }",
            "onMessage", Frequency.PER_EVENT, Evidence.HANDLER,
        ),
        (
            "const cluster = require('cluster');\n"
            "cluster.fork().send({}); cluster.on('online', (w) => w.send('go'));\n"
            "process.on('message', function onMessage(m) {});",
            "onMessage", Frequency.PER_EVENT, Evidence.HANDLER,
        ),
        (
            "const cluster = require('./my-cluster');\n"
            "cluster.fork().send({}); process.on('message', function onMessage(m) {});",
            "onMessage", Frequency.PER_EVENT, Evidence.HANDLER,
        ),
    ],
)
def test_frequency(code, name, frequency, evidence):
    model = model_of(code)
    fact = model.frequency(function_named(model, name))
    assert (fact.frequency, fact.evidence) == (frequency, evidence), fact.reason


def test_nest_controller_methods_run_per_request():
    model = model_of(
        """
        @Controller('users')
        export class UsersController {
          @Get(':id')
          find(@Param('id') id: string) {}
        }
        """,
        syntax.Grammar.TYPESCRIPT,
    )
    fact = model.frequency(function_named(model, "UsersController.find"))
    assert fact.frequency is Frequency.PER_EVENT and fact.is_request_handler


@pytest.mark.parametrize(
    "code,expression,lifetime",
    [
        ("const bus = new EventEmitter(); function f() { bus; }", "bus", Lifetime.LONG_LIVED),
        ("import bus from './bus'; function f() { bus; }", "bus", Lifetime.LONG_LIVED),
        ("function f() { process; }", "process", Lifetime.LONG_LIVED),
        ("function f() { require('x'); }", "require('x')", Lifetime.LONG_LIVED),
        ("function f() { const e = new EventEmitter(); e; }", "e;", Lifetime.LOCAL),
        ("app.get('/x', (req, res) => { req; });", "req;", Lifetime.REQUEST),
        ("app.get('/x', (req, res) => { req.socket; });", "req.socket", Lifetime.REQUEST),
        ("app.get('/x', (req, res) => { const r = req; r; });", "r;", Lifetime.REQUEST),
        ("function f(emitter) { emitter; }", "emitter;", Lifetime.UNKNOWN),
        ("const app = express(); function f() { app.server; }", "app.server", Lifetime.LONG_LIVED),
        ("const s = io(); function f() { s.io.engine; }", "s.io.engine", Lifetime.UNKNOWN),
        ("class A { static x = 1; static m() { this.x; } }", "this.x", Lifetime.LONG_LIVED),
        ("class A { m() { this.x; } } export default new A();", "this.x", Lifetime.LONG_LIVED),
        ("class A { m() { this.x; } }", "this.x", Lifetime.UNKNOWN),
        ("function f() { unknownGlobal; }", "unknownGlobal", Lifetime.UNKNOWN),
    ],
)
def test_lifetime(code, expression, lifetime):
    model = model_of(code)
    start = model.source.index(expression.rstrip(";").encode())
    end = start + len(expression.rstrip(";"))
    node = model.tree.root_node.named_descendant_for_byte_range(start, end)
    assert model.lifetime(node).lifetime is lifetime, model.lifetime(node).reason


def test_captures_of_a_closure():
    model = model_of(
        """
        const limit = 10;
        app.get('/x', (req, res) => {
          const id = req.params.id;
          setTimeout(() => console.log(id, limit, req.url), 10);
        });
        """
    )
    closure = next(f for f in model.functions if f.node.start_point[0] == 3)
    assert sorted(b.name for b in model.captures_of(closure)) == ["id", "limit", "req"]


def test_call_indexes_are_in_source_order():
    model = model_of("a.on('x', f); b.on('y', g); setInterval(h); x.y.on('z', k);")
    assert [s.receiver.text.decode() for s in model.method_calls("on")] == ["a", "b", "x.y"]
    assert [s.name for s in model.function_calls("setInterval")] == ["setInterval"]
    assert model.is_global(model.function_calls("setInterval")[0].callee, "setInterval")


def test_shadowed_global_is_not_global():
    model = model_of("function setInterval() {} setInterval(h);")
    assert not model.is_global(model.function_calls("setInterval")[0].callee)


def test_syntax_error_ranges():
    model = model_of("const a = ;\nconst b = 1;\n")
    assert model.error_ranges
    assert model.tree.root_node.has_error


@pytest.mark.parametrize(
    "expression, inner",
    [
        ("(x)", "x"),
        ("x!", "x"),
        ("x as Foo", "x"),
        ("<Foo>x", "x"),  # the type comes first in a type assertion
        ("(<Foo>(x as Bar))!", "x"),
        ("x satisfies Foo", "x"),
    ],
)
def test_unwrap_strips_typescript_wrappers_to_the_expression(expression, inner):
    source = f"const a = {expression};\n".encode()
    tree = syntax.parse(source, syntax.Grammar.TYPESCRIPT)
    value = tree.root_node.named_children[0].named_children[0].child_by_field_name("value")
    assert syntax.text(syntax.unwrap(value)) == inner
