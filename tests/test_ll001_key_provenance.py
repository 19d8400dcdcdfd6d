"""LL001: key provenance, pending registries, eviction on every path, init-only resets, nulled slots.

Each model fact (issue 7 items 1 and 2) has cases of both signs.
"""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL001"

INVALID = [
    Invalid(
        """
        class Radio {
          constructor() {
            this.seq = 1;
            this.requests = {};
          }
          send(request, callback) {
            const id = this.seq++;
            this.requests[id] = { request, callback };
            this.connection.write(id + ' ' + request);
          }
          receive(message) {
            const pending = this.requests[message.id];
            if (pending) pending.callback(message);
          }
        }
        """,
        at=((4, 21),),
        why="pending registry keyed by a counter field; the response handler never deletes",
        message_contains="files an entry under a counter",
    ),
    Invalid(
        """
        function Client(url) {
          this.url = url;
          this._requests = {};
          this._count = 0;
        }
        Client.prototype.onMessage = function (message) {
          const response = JSON.parse(message.data);
          if (this._requests[response.id]) this._requests[response.id](response.error, response.result);
        };
        Client.prototype.request = function (method) {
          var client = this;
          client._count++;
          var req = { id: 'c:' + client._count, method: method };
          return new Promise(function (resolve, reject) {
            var timer = setTimeout(function () {
              delete client._requests[req.id];
              reject(new Error('timeout'));
            }, 5000);
            client._requests[req.id] = function (err, result) {
              clearTimeout(timer);
              if (err) return reject(err);
              resolve(result);
            };
          });
        };
        """,
        at=((3, 20),),
        why="ES5 class: the entry is removed on the timeout path only, not when the answer comes",
        message_contains="does not remove it",
    ),
    Invalid(
        """
        (function () {
          var callbacks = {}, lastId = 0;
          function nextId() { lastId++; return lastId; }
          window.schedule = function (callback) {
            var id = nextId();
            callbacks[id] = callback;
            worker.postMessage({ id: id });
            return id;
          };
          window.cancel = function (id) {
            if (callbacks.hasOwnProperty(id)) delete callbacks[id];
          };
          worker.onmessage = function (event) {
            var callback = callbacks[event.data.id];
            if (callback) callback();
          };
        })();
        """,
        at=((2, 7),),
        why="a same-file id function that steps a counter; only cancel() deletes, the completion path does not",
    ),
    Invalid(
        """
        const pending = new Map();
        let seq = 0;
        export function call(method) {
          return new Promise((resolve) => {
            pending.set(++seq, resolve);
            socket.send(JSON.stringify({ id: seq, method }));
          });
        }
        """,
        at=((1, 7),),
        why="module-level registry keyed by `++seq` with no removal at all",
    ),
    Invalid(
        """
        function Server() {
          this.clients = [];
        }
        Server.prototype.onConnection = function (client) {
          var self = this;
          var id = this.clients.length;
          this.clients.push(client);
          client.on('close', function () { self.clients[id] = null; });
        };
        """,
        at=((2, 18),),
        why="setting a slot to null is not removing it: the array keeps one slot per connection",
        message_contains="only set to `null`",
    ),
    Invalid(
        """
        const tracked = [];
        export function track(req, res) {
          tracked.push(req.url);
          for (let i = 0; i < tracked.length; i++) log(tracked[i]);
        }
        """,
        at=((1, 7),),
        why="a loop over the array's length walks it; it bounds nothing",
    ),
    Invalid(
        """
        let nextId = 0;
        let callbacks = {};
        export function reset() {
          callbacks = {};
        }
        export function request(name, callback) {
          const id = nextId++;
          callbacks[id] = callback;
          window.parent.postMessage({ id, name }, '*');
        }
        window.addEventListener('message', (event) => {
          const callback = callbacks[event.data.id];
          if (callback) callback(event.data.result);
        });
        """,
        at=((2, 5),),
        why="the completion never deletes; the only reset is one a caller may ask for (teams-sdk)",
        message_contains="when a caller asks",
    ),
    Invalid(
        """
        const metadata = new Map();
        export function getMeta(target: Request) {
          if (!metadata.has(target)) metadata.set(target, load(target));
          return metadata.get(target);
        }
        """,
        at=((1, 7),),
        why="the same memo keyed by a parameter typed as an instance is a cache",
        lang="ts",
    ),
]

VALID = [
    Valid(
        """
        class Radio {
          constructor() {
            this.seq = 1;
            this.requests = {};
          }
          send(request, callback) {
            const id = this.seq++;
            this.requests[id] = { request, callback };
          }
          receive(message) {
            const pending = this.requests[message.id];
            if (pending) pending.callback(message);
            delete this.requests[message.id];
          }
        }
        """,
        why="the response handler deletes the entry it completes",
    ),
    Valid(
        """
        class Rpc {
          constructor() { this.id = 0; this.pending = new Map(); }
          call(method) {
            return new Promise((resolve) => {
              this.pending.set(++this.id, resolve);
            });
          }
          onMessage(message) {
            const resolve = this.pending.get(message.id);
            this.settle(message.id);
            resolve(message.result);
          }
          settle(id) { this.pending.delete(id); }
        }
        """,
        why="the completion path removes the entry through a same-file helper",
    ),
    Valid(
        """
        function Client() { this._requests = {}; this._count = 0; }
        Client.prototype.onMessage = function (message) {
          const response = JSON.parse(message.data);
          if (this._requests[response.id]) this._requests[response.id](response.error, response.result);
        };
        Client.prototype.request = function (method) {
          var client = this;
          client._count++;
          var req = { id: 'c:' + client._count };
          return new Promise(function (resolve, reject) {
            var timer = setTimeout(function () { delete client._requests[req.id]; reject(); }, 5000);
            client._requests[req.id] = function (err, result) {
              clearTimeout(timer);
              delete client._requests[req.id];
              resolve(result);
            };
          });
        };
        """,
        why="both the timeout path and the stored callback remove the entry",
    ),
    Valid(
        """
        class Client {
          constructor() { this.seq = 0; this.pending = new Map(); }
          call(method) { this.pending.set(this.seq++, method); }
          close() { this.pending.clear(); }
        }
        """,
        why="the registry is emptied on close",
    ),
    Valid(
        """
        const excluded = new Map();
        export function excludeFromEquals(object, propertyName) {
          const list = excluded.get(object.constructor) || [];
          excluded.set(object.constructor, [...list, propertyName]);
        }
        """,
        why="keyed by `.constructor`: one entry per class the code defines (a property decorator)",
    ),
    Valid(
        """
        const metadata = new Map();
        export function getMeta(target: GenericConstructor<any>) {
          if (!metadata.has(target)) metadata.set(target, load(target));
          return metadata.get(target);
        }
        """,
        why="keyed by a parameter typed as a class",
        lang="ts",
    ),
    Valid(
        """
        let nextId = 0;
        let callbacks = {};
        export function request(name, callback) {
          const id = nextId++;
          callbacks[id] = callback;
          window.parent.postMessage({ id, name }, '*');
        }
        window.addEventListener('message', (event) => {
          const callback = callbacks[event.data.id];
          if (callback) callback(event.data.result);
        });
        window.addEventListener('pagehide', () => { callbacks = {}; });
        """,
        why="the reset runs on its own, in a listener, not only when a caller asks",
    ),
    Valid(
        """
        let nextId = 0;
        let callbacks = {};
        export function reset() {
          callbacks = {};
        }
        export function request(name, callback) {
          const id = nextId++;
          callbacks[id] = callback;
          window.parent.postMessage({ id, name }, '*');
        }
        window.addEventListener('message', (event) => {
          const callback = callbacks[event.data.id];
          if (callback) {
            delete callbacks[event.data.id];
            callback(event.data.result);
          }
        });
        """,
        why="the completion deletes its entry; the reset is extra",
    ),
    Valid(
        """
        const order = new Map();
        export function build(items) {
          for (let i = 0; i < items.length; i++) order.set(i, items[i]);
        }
        """,
        why="a loop index is bounded by the loop, not a counter of calls",
    ),
    Valid(
        """
        const CIPHERS = {
          'aes128-ctr': { keyLen: 16, discardLen: 0 },
          'arcfour': { keyLen: 16, discardLen: 1536 },
        };
        const DISCARD = new Map();
        class Cipher {
          constructor(config) {
            const info = CIPHERS[config.name];
            const len = info.discardLen;
            if (!DISCARD.has(len)) DISCARD.set(len, Buffer.alloc(len));
          }
        }
        """,
        why="keyed by a value read out of a module-level constant table: a fixed set of keys",
    ),
    Valid(
        """
        const KINDS = ['a', 'b', 'c'];
        const counts = new Map();
        app.get('/x', (req, res) => {
          for (const kind of KINDS) counts.set(kind, (counts.get(kind) || 0) + 1);
          res.end();
        });
        """,
        why="keyed by the entries of a fixed list",
    ),
    Valid(
        """
        type Kind = 'a' | 'b';
        const byKind = new Map<Kind, number>();
        app.get('/x', (req, res) => { byKind.set(req.query.kind as Kind, 1); res.end(); });
        """,
        why="the Map's key type is a literal union",
        lang="ts",
    ),
    Valid(
        """
        enum Color { Red, Blue }
        const seen = new Map();
        function mark(color: Color, req) { seen.set(color, true); }
        app.get('/x', (req, res) => { mark(Color.Red, req); res.end(); });
        """,
        why="keyed by a parameter typed as an enum",
        lang="ts",
    ),
    Valid(
        """
        const limits = new Map();
        function limit(kind: 'read' | 'write', req) { limits.set(kind, Date.now()); }
        app.get('/x', (req, res) => { limit('read', req); res.end(); });
        """,
        why="keyed by a parameter typed as a literal union",
        lang="ts",
    ),
    Valid(
        """
        function Server() { this.clients = {}; this.nextId = 0; }
        Server.prototype.onConnection = function (client) {
          var self = this;
          var id = this.nextId++;
          this.clients[id] = client;
          client.on('close', function () { delete self.clients[id]; });
        };
        """,
        why="ES5 class: the close handler deletes the client's entry (through `self`)",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_init_only_reset_is_not_eviction():
    """`this.cache = {}` in a method only the constructor calls initialises; it does not bound the cache."""
    leaky = """
        class Ring {
          constructor(servers) {
            this.servers = servers;
            this.cache = new Map();
            this.build();
          }
          build() { this.ring = this.servers.slice(); this.cache = new Map(); }
          pick(key) {
            return this.cache.get(key);
          }
        }
    """
    from leaklint.model.collections import find_collections
    from tests.test_ll001_key_provenance import _model

    collections = {c.label: c for c in find_collections(_model(leaky))}
    assert "Map field `cache` of each `Ring` instance" in collections, list(collections)
    cache = collections["Map field `cache` of each `Ring` instance"]
    assert cache.evictions == []
    rebuilt = leaky.replace("pick(key) {", "add(server) { this.servers.push(server); this.build(); }\n          pick(key) {")
    assert "Map field `cache` of each `Ring` instance" not in {c.label for c in find_collections(_model(rebuilt))}


def _model(code: str):
    import textwrap

    from leaklint import syntax
    from leaklint.model import FileModel
    from leaklint.model.options import ModelOptions

    source = textwrap.dedent(code).lstrip("\n").encode()
    tree, grammar = syntax.parse_best(source, syntax.Grammar.JAVASCRIPT)
    return FileModel("case.js", source, grammar, tree, options=ModelOptions.from_pairs(()))


def test_registry_finding_is_medium_and_names_the_counter():
    findings = run(INVALID[3].code, RULE)
    assert [f.confidence for f in findings] == ["medium"]
    assert any("keyed by a counter" in r.message for r in findings[0].related)


def test_per_instance_cache_both_signs():
    """A method that memoizes by its parameter in a field reports; a get-or-create of child objects does not."""
    cache = """
        function Ring(servers) { this.servers = servers; this.cache = {}; }
        Ring.prototype.getNode = function (key) {
          if (this.cache[key]) return this.cache[key];
          var node = this.servers[hash(key) % this.servers.length];
          return this.cache[key] = node;
        };
    """
    findings = run(cache, RULE)
    assert [(f.line, f.confidence) for f in findings] == [(1, "medium")]
    assert "memoizes by its parameter `key`" in " ".join(r.message for r in findings[0].related)
    children = """
        class Cluster {
          constructor() { this.namespaces = {}; }
          of(pattern) {
            if (!this.namespaces[pattern]) this.namespaces[pattern] = new Namespace(this, pattern);
            return this.namespaces[pattern];
          }
        }
    """
    assert run(children, RULE) == []


@pytest.mark.parametrize(
    "code, why",
    [
        (
            """
            class Manager {
              constructor() { this.nsps = {}; }
              socket(nsp) {
                let socket = this.nsps[nsp];
                if (!socket) { socket = new Socket(this, nsp); this.nsps[nsp] = socket; }
                return socket;
              }
            }
            """,
            "get-or-create of a child that points back at its owner, through a local",
        ),
        (
            """
            class Schema {
              constructor() { this.logCache = {}; }
              logOnce(message) {
                if (this.logCache[message]) return;
                console.warn(message);
                this.logCache[message] = true;
              }
            }
            """,
            "a log-once flag, not a cached value",
        ),
        (
            """
            class Schema {
              load() { this.queries = {}; }
              addQuery(fieldName, field) {
                if (this.queries[fieldName]) throw new Error('taken');
                this.queries[fieldName] = field;
              }
            }
            """,
            "created afresh by load(), a method that may run again",
        ),
    ],
)
def test_instance_cache_look_alikes(code, why):
    assert run(code, RULE) == [], why


def test_schema_object_names_are_bounded_keys():
    """A per-instance cache keyed by a table name is bounded by the schema; by a user name it is not."""
    template = """
        class Runner {
          constructor() { this.paths = {}; }
          async lookup(KEY) {
            if (KEY in this.paths) return this.paths[KEY];
            const found = await this.load(KEY);
            this.paths[KEY] = found.path;
            return found.path;
          }
        }
    """
    assert run(template.replace("KEY", "tableName"), RULE) == []
    assert len(run(template.replace("KEY", "userName"), RULE)) == 1


@pytest.mark.parametrize(
    ("key", "reported"),
    [
        ("resourceType", False),  # one of the schema's resource types
        ("contentType", False),  # a MIME type
        ("messageType", False),
        ("userName", True),
        ("resourceId", True),  # one resource, not its type
        ("timeZoneName", False),  # Intl's `timeZoneName` option: 'short', 'long', …
    ],
)
def test_type_and_kind_names_are_bounded_keys(key, reported):
    """`writers[resourceType]` per export job holds one writer per resource type, not one per request."""
    code = """
        class ExportJob {
          constructor() { this.writers = {}; }
          writerFor(KEY) {
            let writer = this.writers[KEY];
            if (!writer) { writer = open(KEY); this.writers[KEY] = writer; }
            return writer;
          }
        }
    """.replace("KEY", key)
    assert len(run(code, RULE)) == (1 if reported else 0)


@pytest.mark.parametrize(
    ("field", "grow", "reported"),
    [
        ("new Set()", "this.seen.add(ref)", False),  # a dedupe flag: the key is the entry
        ("new Map()", "this.seen.set(ref, await this.load(ref))", True),  # what it loaded is kept per key
    ],
)
def test_an_instance_set_after_has_is_a_dedupe_flag(field, grow, reported):
    code = """
        class ExportJob {
          constructor() { this.seen = FIELD; }
          async writeResource(resource) {
            const ref = resource.id;
            if (!this.seen.has(ref)) { await this.write(resource); GROW; }
          }
        }
    """.replace("FIELD", field).replace("GROW", grow)
    assert len(run(code, RULE)) == (1 if reported else 0)


def test_only_the_path_that_settles_an_entry_must_remove_it():
    """A debug read of a pending entry is not a completion path; the response handler that runs it is."""
    settled = """
        class Client {
          constructor() { this.seq = 0; this.pending = {}; }
          call(method, cb) { const id = ++this.seq; this.pending[id] = cb; }
          onResponse(message) {
            const cb = this.pending[message.id];
            delete this.pending[message.id];
            cb(message.result);
          }
          describe(id) { return { id, pending: this.pending[id] !== undefined }; }
        }
    """
    assert run(settled, RULE) == []
    unsettled = settled.replace("            delete this.pending[message.id];\n", "").replace(
        "          describe(id)", "          cancel(id) { delete this.pending[id]; }\n          describe(id)"
    )
    assert unsettled != settled
    findings = run(unsettled, RULE)
    assert len(findings) == 1 and "does not remove it" in findings[0].message


def test_class_field_caches_memoised_by_a_parameter():
    """`cache = new Map()` as a class field, filled by `has`/`set` and by `c[k] || (c[k] = …)`."""
    code = """
        export class UserService {
          cache = new Map();
          users = {};
          async getUser(id) {
            if (this.cache.has(id)) return this.cache.get(id);
            const user = await db.find(id);
            this.cache.set(id, user);
            return user;
          }
          profile(id) {
            return this.users[id] || (this.users[id] = load(id));
          }
        }
    """
    findings = run(code, RULE)
    assert [(f.line, f.confidence) for f in findings] == [(2, "medium"), (3, "medium")]
    bounded = code.replace("this.cache.set(id, user);", "this.cache.set(id, user);\n    if (this.cache.size > 100) this.cache.clear();")
    assert [f.line for f in run(bounded, RULE)] == [3]


@pytest.mark.parametrize(
    "code",
    [
        """
        class Links {
          constructor() { this.relations = new Map(); }
          add(serviceKey, relation) {
            if (!this.relations.has(serviceKey)) this.relations.set(serviceKey, new Map());
            this.relations.get(serviceKey).set(relation.key, relation);
          }
        }
        """,
        """
        class Orchestrator {
          constructor() { this.subscribers = new Map(); }
          subscribeTo(workflowId, handler) {
            const group = this.subscribers.get(workflowId) ?? new Map();
            group.set(handler.id, handler);
            this.subscribers.set(workflowId, group);
          }
        }
        """,
    ],
    ids=["new Map() per key", "a local holding get() ?? new Map()"],
)
def test_get_or_create_of_a_group_is_a_registry(code):
    assert run(code, RULE) == []


@pytest.mark.parametrize(
    "code, line",
    [
        ("const a = {};\nexport function area(key) {\n  if (!(key in a)) a[key] = compute(key);\n  return a[key];\n}\n", 1),
        ("const b = {};\nexport function area(key) {\n  if (b[key] === undefined) b[key] = compute(key);\n  return b[key];\n}\n", 1),
        ("const c = {};\nexport function area(key) {\n  return (c[key] ??= compute(key));\n}\n", 1),
        ("const s = {};\nexport function put(key, value) {\n  const old = s[key];\n  s[key] = value;\n  return old;\n}\n", None),
    ],
    ids=["key in c", "c[k] === undefined", "c[k] ??= make(k)", "a setter stores the caller's value"],
)
def test_memoising_shapes(code, line):
    findings = run(code, RULE)
    assert [f.line for f in findings] == ([line] if line else [])


def test_destructured_bounded_name_is_a_bounded_key():
    """`const { serviceName } = params` reads `params.serviceName`, a name from a fixed set; `{ userId }` does not."""
    template = """
        const configs = new Map();
        export function cacheConfig(params) {
          const { KEY } = params;
          if (!configs.has(KEY)) configs.set(KEY, build(params));
          return configs.get(KEY);
        }
    """
    assert run(template.replace("KEY", "serviceName"), RULE) == []
    assert len(run(template.replace("KEY", "userId"), RULE)) == 1


def test_memoising_by_a_literal_union_parameter_is_bounded():
    """A memo cache keyed by a parameter typed `'service' | 'dm'` (with a default) holds two entries at most."""
    code = """
        type ClientTypes = 'service' | 'dm';
        const clients = {};
        export function getClient(clientType: ClientTypes = 'service') {
          if (!clients[clientType]) clients[clientType] = new WebClient(clientType);
          return clients[clientType];
        }
    """
    assert run(code, RULE, "ts") == []
    assert len(run(code.replace("clientType: ClientTypes = 'service'", "clientType: string"), RULE, "ts")) == 1


_MEMO_CLASS = """
{decorator}
export class ItemView {extends}{
  constructor() { this.related = new Map(); }
  relatedOf(id) {
    if (!this.related.has(id)) this.related.set(id, load(id));
    return this.related.get(id);
  }
}
"""


@pytest.mark.parametrize(
    ("decorator", "extends", "reported"),
    [
        ("", "", True),  # a plain class: an instance may live as long as the process
        ("@Injectable({ providedIn: 'root' })", "", True),  # a root service: the one instance lives for ever
        ("@Component({ selector: 'item-view' })", "", False),  # goes with its view
        ("@Directive({ selector: '[itemView]' })", "", False),
        ("", "extends React.Component ", False),
        ("", "extends HTMLElement ", False),
    ],
)
def test_a_per_instance_cache_of_a_ui_component_goes_with_the_component(decorator, extends, reported):
    code = _MEMO_CLASS.replace("{decorator}", decorator).replace("{extends}", extends)
    findings = run(code, RULE, "ts")
    assert bool(findings) is reported



_AGENT_CACHE = """
const agents = new Map();
function agentFor(protocol, ipv4Only) {
  const key = %KEY%;
  if (agents.has(key)) return agents.get(key);
  const agent = makeAgent(protocol, ipv4Only);
  agents.set(key, agent);
  return agent;
}
export function proxy(url, userId, req) {
  const target = new URL(url);
  const ipv4Only = process.env.IPV4_ONLY === 'true';
  return send(target, agentFor(%ARGUMENT%, ipv4Only));
}
export function handler(req, res) { return proxy(req.query.url, req.user.id, req); }
"""


@pytest.mark.parametrize(
    "key, argument, reported",
    [
        # a URL scheme and a choice between literals: four keys at most
        ("`${protocol}:${ipv4Only ? 'ipv4' : 'auto'}`", "target.protocol", False),
        ("protocol + (ipv4Only ? '4' : '6')", "target.protocol", False),
        ("`${protocol}:${ipv4Only}`", "target.protocol", False),  # ipv4Only is a comparison: true or false
        ("`${protocol}`", "req.method", False),  # an HTTP method
        ("`${protocol}:${ipv4Only ? 'ipv4' : 'auto'}`", "userId", True),  # one part comes from the caller
        ("protocol + ':' + userId", "target.protocol", True),
        ("`${protocol}:${ipv4Only ? userId : 'auto'}`", "target.protocol", True),  # one branch is not fixed
        ("`${protocol}`", "target.href", True),  # a URL's href is anything
        ("protocol - 1", "target.protocol", True),  # arithmetic on a value is not a fixed set
    ],
)
def test_keys_built_only_from_fixed_values_are_bounded(key, argument, reported):
    code = _AGENT_CACHE.replace("%KEY%", key).replace("%ARGUMENT%", argument)
    findings = run(code, RULE)
    assert bool(findings) is reported, [f.message for f in findings]


@pytest.mark.parametrize(
    ("value", "reported"),
    [
        ("wrap(states.get(id))", False),  # one view per entry of `states`: bounded by that collection
        ("new Proxy(states[id], {})", False),
        ("wrap(await db.find(id))", True),  # a load: a cache like any other
        ("wrap(states.get(other))", True),  # another key: not the entry of the same key
        ("wrap(remote.get(id))", True),  # `remote` is no collection the file declares
    ],
)
def test_a_memo_built_from_another_collections_entry_is_a_view_of_it(value, reported):
    code = """
        const remote = makeClient();
        const states = new Map();
        const views = new Map();
        export async function view(id, other) {
          if (!views.has(id)) views.set(id, VALUE);
          return views.get(id);
        }
        export function update(id, s) { states.set(id, s); }
    """.replace("VALUE", value)
    assert [f.line for f in run(code, RULE)] == ([3] if reported else [])


@pytest.mark.parametrize(
    ("line_source", "reported"),
    [
        ("for (const line of content.split('\\n')) {", True),  # a capture of a line of the parameter
        ("for (const line of COMMANDS) {", False),  # a line of a module constant: a fixed set
    ],
)
def test_a_key_several_steps_from_a_parameter_keeps_its_provenance(line_source, reported):
    """`command = line.match(re)[1]` of `line` in `content.split('\\n')`: five steps from the parameter `content`."""
    code = """
        const COMMANDS = ['!cache date', '!cache uptime'];
        const outputCache = new Map();
        function readCached(command) { return outputCache.get(command); }
        export function expandLiveData(content) {
          const out = [];
          LOOP
            const m = line.match(/^!cache\\s+(.+)$/);
            if (m) {
              const command = m[1];
              const hit = readCached(command);
              if (hit) out.push(hit);
              else { const o = run(command); outputCache.set(command, o); out.push(o); }
            }
          }
          return out.join('\\n');
        }
    """.replace("LOOP", line_source)
    assert [f.line for f in run(code, RULE)] == ([2] if reported else [])
