"""LL005 shared-closure-context: valid and invalid cases with exact positions."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL005"

INVALID = [
    Invalid(
        """
        let originalContainer = null;
        function runLeakyOperation() {
          const previousContainer = originalContainer;
          const unusedClosure = function () {
            if (previousContainer) console.log('found');
          };
          originalContainer = {
            generatedAt: Date.now(),
            hugePayload: new Array(1000000).fill('A'),
            someMethod: function () { return 'Active payload'; },
          };
        }
        setInterval(runLeakyOperation, 100);
        """,
        at=((10, 17),),
        why="the replaceThing leak (seed 000, first scenario)",
        message_contains=(
            "`someMethod()` shares its closure context with `unusedClosure()`, which uses `previousContainer`; "
            "`someMethod()` is assigned to module-level `originalContainer`"
        ),
    ),
    Invalid(
        """
        let catalog = null;
        function reloadCatalog(version) {
          const previous = catalog;
          const isNew = (item) => previous === null || !previous.bySku.has(item.sku);
          const items = loadItems(version);
          catalog = {
            items,
            newItems: items.filter(isNew).length,
            find(sku) { return this.bySku.get(sku); },
          };
        }
        http.createServer((req, res) => { reloadCatalog(1); res.end(); });
        """,
        at=((9, 5),),
        why="method of the new value; the sibling is consumed by filter",
        message_contains="keeps the previous value of `catalog` reachable through `previous`",
    ),
    Invalid(
        """
        let current = null;
        export function swap(config) {
          const prev = current;
          const changed = () => prev !== null && prev.size !== config.size;
          if (changed()) console.log('changed');
          current = new Thing(config);
          current.describe = () => 'thing';
        }
        """,
        at=((7, 22),),
        why="stored on the new value right after it is assigned",
    ),
    Invalid(
        """
        let state = null;
        export function update(next) {
          const old = state;
          [1, 2].forEach(() => {
            const check = () => old && old.version;
            check();
          });
          function read() { return next; }
          state = { read };
        }
        """,
        at=((8, 3),),
        why="the variable is used in a closure nested in a consumed callback; B is a declaration",
    ),
    Invalid(
        """
        class Store {
          reload(all: string[]): void {
            const prev = this.state;
            const isNew = (x: string) => !prev.has(x);
            this.state = { items: all.filter(isNew), get(id: string) { return id; } };
          }
          private state: any = null;
        }
        export const store = new Store();
        """,
        at=((5, 46),),
        why="a field of a singleton replaced by every call (TypeScript)",
        lang="ts",
    ),
    Invalid(
        """
        const handlers = new Map<string, () => string>();
        export function addHandler(name: string): void {
          const template = Buffer.alloc(10 * 1024 * 1024);
          const size = () => template.length;
          console.log(size());
          handlers.set(name, () => `hello from ${name}`);
        }
        """,
        at=((6, 22),),
        why="a built Buffer kept by a closure stored in a module-level Map (medium)",
        lang="ts",
        message_contains="(a Buffer made in `addHandler()`)",
    ),
    Invalid(
        """
        const routes = [];
        export function mount(path) {
          const table = new Array(100000).fill(0);
          table.forEach((_, i) => { table[i] = i; });
          const sum = () => table.reduce((a, b) => a + b, 0);
          console.log(sum());
          routes.push({ path, handle: (req, res) => res.end(path) });
        }
        """,
        at=((7, 31),),
        why="a built array kept by a closure pushed into a module-level array (medium)",
    ),
    Invalid(
        """
        const pickers = [];
        export function makePicker(el) {
          const palette = new Array(100000).fill(0);
          const total = () => palette.reduce((a, b) => a + b, 0);
          console.log(total());
          const picker = { show: () => el.show(), hide: () => el.hide(), get: () => el.value };
          pickers.push(picker);
        }
        """,
        at=((6, 26),),
        why="three methods of one object kept by one push: one finding for the store, naming the others",
        message_contains="`show()`",
    ),
    Invalid(
        """
        let program = null;
        function createProgram(names, oldProgram) {
          const files = [];
          function reuse() { if (oldProgram) files.push(...oldProgram.files); }
          reuse();
          return { files, getFile: (n) => files.find((f) => f === n) };
        }
        export function update(names) {
          program = createProgram(names, program);
        }
        """,
        at=((6, 28),),
        why="a parameter fed the previous value of the binding its result replaces: the chain (TypeScript createProgram)",
        message_contains="keeps the previous value of `program` reachable through `oldProgram`",
    ),
]

VALID = [
    Valid(
        """
        const handlers = new Map<string, () => string>();
        export function register(name: string): void {
          const template = Buffer.alloc(10 * 1024 * 1024);
          const size = () => template.length;
          console.log(size());
          handlers.set(name, () => `hello from ${name}`);
        }
        """,
        why="register*() is named like one-time set-up, so its scope is retained once per registration (shape)",
        lang="ts",
    ),
    Valid(
        """
        let originalContainer = null;
        function runCleanOperation() {
          let previousContainer = originalContainer;
          const unusedClosure = function () { if (previousContainer) console.log('found'); };
          unusedClosure();
          originalContainer = { someMethod: function () { return 'Clean payload'; } };
          previousContainer = null;
        }
        setInterval(runCleanOperation, 100);
        """,
        why="the variable is cleared before the function returns",
    ),
    Valid(
        """
        let catalog = null;
        function countNewItems(previous, items) {
          return items.filter((item) => previous === null || !previous.bySku.has(item.sku)).length;
        }
        function reloadCatalog(version) {
          const items = loadItems(version);
          const newItems = countNewItems(catalog, items);
          catalog = { items, newItems, find(sku) { return this.bySku.get(sku); } };
        }
        http.createServer((req, res) => { reloadCatalog(1); res.end(); });
        """,
        why="the comparison lives in its own function (the sample's fixed twin)",
    ),
    Valid(
        """
        let current = null;
        function reload() {
          const previous = current;
          console.log(previous ? 'again' : 'first');
          current = { read() { return 1; } };
        }
        setInterval(reload, 100);
        """,
        why="no closure references the variable, so it is not in the context",
    ),
    Valid(
        """
        export function leaderboard(rows) {
          const totals = new Map();
          rows.forEach((row) => totals.set(row.team, (totals.get(row.team) ?? 0) + row.points));
          return [...totals].sort((a, b) => b[1] - a[1]).slice(0, 10);
        }
        """,
        why="nothing escapes",
    ),
    Valid(
        """
        let current = null;
        function reload() {
          const previous = current;
          const check = () => previous;
          check();
          current = { previous() { return previous; } };
        }
        setInterval(reload, 100);
        """,
        why="the stored closure uses the variable itself: the retention is explicit",
    ),
    Valid(
        """
        let current = null;
        const log = [];
        function reload() {
          const previous = current;
          const describe = () => previous && previous.version;
          log.push(describe);
          current = { read() { return 1; } };
        }
        setInterval(reload, 100);
        """,
        why="the closure that uses the variable is stored too, so it keeps it anyway",
    ),
    Valid(
        """
        let current = null;
        function init() {
          const previous = current;
          const check = () => previous;
          check();
          current = { read() { return 1; } };
        }
        init();
        """,
        why="a function that runs once cannot build a chain",
    ),
    Valid(
        """
        window.utils = (function () {
          const formatted = {};
          window.legacy = function (text) { return text; };
          function format(id) { return formatted[id]; }
          return { format };
        })();
        """,
        why="a scope that runs once retains one value, not one per call (node-red's UI module)",
    ),
    Valid(
        """
        let current = null;
        function reload() {
          const previous = current;
          const check = () => previous;
          check();
          current = { previous, read() { return 1; } };
        }
        setInterval(reload, 100);
        """,
        why="the previous value is stored explicitly",
    ),
    Valid(
        """
        function setup() {
          const big = Buffer.alloc(1e8);
          const measure = () => big.length;
          console.log(measure());
          process.on('exit', () => console.log('bye'));
        }
        setup();
        """,
        why="a listener registration is not a store (LL002's subject)",
    ),
    Valid(
        """
        export function build() {
          const big = new Array(1e6).fill(0);
          const measure = () => big.length;
          console.log(measure());
          const result = {};
          result.read = () => 1;
          return result;
        }
        """,
        why="the escaping closure goes into a local object the caller decides about",
    ),
    Valid(
        """
        let current = null;
        function reload(flag) {
          if (flag) {
            const previous = current;
            const check = () => previous;
            check();
          }
          current = { read() { return 1; } };
        }
        setInterval(reload, 100);
        """,
        why="the variable lives in a block the stored closure is not created in",
    ),
    Valid(
        """
        const meta = new WeakMap();
        export function tag(target) {
          const big = new Array(1e6);
          const measure = () => big.length;
          console.log(measure());
          meta.set(target, () => 'tagged');
        }
        """,
        why="a WeakMap entry dies with its key",
    ),
    Valid(
        """
        const registry = {};
        export function setup(check) {
          const big = new Array(1e6);
          check(() => big.length);
          registry.handler = () => 'ok';
        }
        """,
        why="the closure that uses the variable is handed to an unknown function",
    ),
    Valid(
        """
        const hooks = require('./hooks');
        it('runs hooks', function (done) {
          hooks.add('onSend.B', function (payload) { payload.order.push('B'); });
          const data = { order: [] };
          hooks.trigger('onSend', data).then(() => { check(data); done(); });
        });
        """,
        why="hooks.add(name, fn) on an imported module is an API call, not Set.add (node-red hooks_spec.js)",
    ),
    Valid(
        """
        const registry: Record<string, () => number> = {};
        export function setup(name: string, size: number): void {
          const double = () => size * 2;
          console.log(double());
          registry[name] = () => 1;
        }
        """,
        why="a parameter that the function did not build (TypeScript)",
        lang="ts",
    ),
    Valid(
        """
        let program = null;
        function createProgram(names, oldProgram) {
          const files = [];
          function reuse() { if (oldProgram) files.push(...oldProgram.files); }
          reuse();
          oldProgram = undefined;
          return { files, getFile: (n) => files.find((f) => f === n) };
        }
        export function update(names) {
          program = createProgram(names, program);
        }
        """,
        why="TypeScript's fix: the parameter is cleared before the program's methods are made",
    ),
    Valid(
        """
        let program = null;
        const archive = [];
        function createProgram(names, oldProgram) {
          const files = [];
          function reuse() { if (oldProgram) files.push(...oldProgram.files); }
          reuse();
          return { files, getFile: (n) => files.find((f) => f === n) };
        }
        export function update(names) {
          archive.push(createProgram(names, program));
        }
        """,
        why="the result is not assigned back to the binding passed in: no chain, and the parameter holds nothing built",
    ),
    Valid(
        """
        let program = null;
        function createProgram(names, base) {
          const files = [];
          function reuse() { if (base) files.push(...base.files); }
          reuse();
          return { files, getFile: (n) => files.find((f) => f === n) };
        }
        export function update(names) {
          program = createProgram(names, loadBase());
        }
        """,
        why="the argument is a fresh value, not the previous value of the binding the result replaces",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_confidence_is_high_for_the_chain_and_medium_for_a_built_value():
    chain = run(
        """
        let current = null;
        export function reload() {
          const previous = current;
          const check = () => previous;
          check();
          current = { read() { return 1; } };
        }
        """,
        RULE,
    )
    built = run(
        """
        const registry = {};
        export function refresh() {
          const big = new Array(1e6);
          const measure = () => big.length;
          measure();
          registry.handler = () => 'ok';
        }
        """,
        RULE,
    )
    assert [f.confidence for f in chain] == ["high"]
    assert [f.confidence for f in built] == ["medium"]


def test_related_shows_the_sibling_the_variable_and_the_long_lived_binding():
    findings = run(
        """
        let current = null;
        export function reload() {
          const previous = current;
          const check = () => previous;
          check();
          current = { read() { return 1; } };
        }
        """,
        RULE,
    )
    related = [(r.span.line, r.span.column, r.message) for r in findings[0].related]
    assert related[0][:2] == (4, 17) and "`check()` uses `previous`" in related[0][2]
    assert related[1][:2] == (4, 23)
    assert related[2][:2] == (6, 3) and "assigned to module-level `current`" in related[2][2]
    assert related[3][:2] == (3, 9) and "previous value of `current`" in related[3][2]
    assert related[4][:2] == (1, 5) and "long-lived" in related[4][2]
    assert "exported" in related[5][2]


# -- issue 7 item 8: nested closures, closures returned to a storing caller, WeakRefs -------------

FACT_INVALID = [
    Invalid(
        """
        const handlers = new Map();
        function makeHandler(id) {
          const table = new Array(100).fill(id);
          const size = () => table.length;
          console.log(size());
          return () => id;
        }
        export function mount(id) { handlers.set(id, makeHandler(id)); }
        """,
        at=((6, 10),),
        why="a closure returned to a caller that stores it in a module-level Map",
    ),
    Invalid(
        """
        globalThis.objects = [];
        function run(data) {
          const scratch = Buffer.alloc(100);
          (function () {
            void scratch;
            const object = {};
            object.test = function () {};
            globalThis.objects.push(object);
          })();
        }
        for (let i = 0; i < 100; i++) run(i);
        """,
        at=((7, 19),),
        why="a closure nested in the closure that uses X keeps X's context; called in a loop (nodejs/node #11645)",
    ),
    Invalid(
        """
        function demo() {
          const big = new ArrayBuffer(100_000_000);
          const id = setTimeout(() => console.log(big.byteLength), 1000);
          return () => clearTimeout(id);
        }
        globalThis.cancelDemo = demo();
        """,
        at=((4, 10),),
        why="run once, but the shared context keeps a 100 MB literal-size buffer (eslint #18823)",
    ),
    Invalid(
        """
        export function weakRef(value) {
          if (typeof WeakRef === 'undefined') {
            return () => value;
          }
          const ref = new WeakRef(value);
          return () => ref.deref();
        }
        """,
        at=((6, 10),),
        why="the WeakRef closure shares its context with a fallback that captures the value (focus-lock #79)",
    ),
]

FACT_VALID = [
    Valid(
        """
        function makeHandler(id) {
          const table = new Array(100).fill(id);
          const size = () => table.length;
          console.log(size());
          return () => id;
        }
        export function once(id) { makeHandler(id)(); }
        """,
        why="the returned closure is called by its caller, never kept",
    ),
    Valid(
        """
        globalThis.objects = [];
        function run(data) {
          const scratch = Buffer.alloc(100);
          (function () {
            void scratch;
          })();
          const object = { test: makeTest() };
          globalThis.objects.push(object);
        }
        function makeTest() { return function () {}; }
        for (let i = 0; i < 100; i++) run(i);
        """,
        why="the stored closure is created outside the function whose context holds X",
    ),
    Valid(
        """
        function demo() {
          const big = new ArrayBuffer(1024);
          const id = setTimeout(() => console.log(big.byteLength), 1000);
          return () => clearTimeout(id);
        }
        globalThis.cancelDemo = demo();
        """,
        why="run once and the buffer is small: one bounded value",
    ),
    Valid(
        """
        export function weakRef(value) {
          const ref = new WeakRef(value);
          return () => ref.deref();
        }
        """,
        why="no sibling captures the value: the WeakRef is the only reference",
    ),
]


@pytest.mark.parametrize("case", FACT_INVALID, ids=ids(FACT_INVALID))
def test_fact_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", FACT_VALID, ids=ids(FACT_VALID))
def test_fact_valid(case):
    check_valid(case, RULE)


_SMALL_VALUE = """
const editors = [];
export function editLine(text) {{
  const value = {init};
  const strip = (line) => line.replace(value, '');
  strip(text);
  editors.push({{ submit: () => text.length }});
}}
"""


@pytest.mark.parametrize(
    "init, reported",
    [
        ("new RegExp('^\\\\t')", False),  # a fixed-size value: keeping it holds nothing
        ("new Date()", False),
        ("new URL(text, 'http://x')", False),
        ("new Intl.Collator('en')", False),
        ("new Map()", True),  # a collection: may hold anything
        ("new Parser(text)", True),  # an instance of unknown size
        ("[text, text]", True),
    ],
)
def test_a_fixed_size_built_in_is_not_worth_reporting(init, reported):
    findings = run(_SMALL_VALUE.format(init=init), RULE)
    assert bool(findings) is reported, [f.message for f in findings]
