"""LL002: `.once()` for events that usually never fire, mount hooks, one finding per (receiver, event, function)."""

import pytest

from tests.ruletest import Invalid, Valid, check_invalid, check_valid, ids, run

RULE = "LL002"

INVALID = [
    Invalid(
        """
        const proxy = httpProxy.createProxy();
        export function forward(req, res) {
          return new Promise((resolve, reject) => {
            proxy.once('proxyRes', resolve);
            proxy.once('error', reject);
            proxy.web(req, res);
          });
        }
        """,
        at=((5, 5),),
        why="once('error') per request on a module-level emitter: a success never fires it",
        message_contains="'error' fires only on failure",
    ),
    Invalid(
        """
        const server = require('./server');
        app.get('/x', (req, res) => {
          server.once('close', () => res.end());
          res.write('ok');
        });
        """,
        at=((3, 3),),
        why="once('close') of a long-lived server per request: fires once, at the end of the server's life",
    ),
    Invalid(
        """
        const { EventEmitter } = require('events');
        class Protocol extends EventEmitter {
          query(request) {
            return new Promise((resolve) => {
              this.once(request.requestId, resolve);
              this.send(request);
            });
          }
        }
        """,
        at=((5, 7),),
        why="an event named by a per-call id: it fires only if the answer comes",
        message_contains="its event is named by its parameter `request`",
    ),
    Invalid(
        """
        import { onMounted } from 'vue';
        const onResize = () => layout();
        onMounted(() => {
          window.addEventListener('resize', () => onResize());
        });
        """,
        at=((4, 3),),
        # (a module-level `onResize` itself would be the same function every mount: the DOM keeps one copy)
        why="Vue composition API: onMounted runs on every mount",
    ),
    Invalid(
        """
        const bus = require('./bus');
        app.get('/x', (req, res) => {
          const onChange = () => res.write('x');
          bus.on('add', onChange);
          bus.on('remove', onChange);
          bus.on('add', onChange);
        });
        """,
        at=((4, 3), (5, 3)),
        why="one finding per (receiver, event, function): the second 'add' is part of the first",
    ),
    Invalid(
        """
        function Request(options) {
          this.init(options);
        }
        Request.prototype.init = function (options) {
          var self = this;
          self.uri = options.uri;
          self.on('pipe', function (src) { self.src = src; });
        };
        Request.prototype.redirect = function (location) {
          this.init({ uri: location });
        };
        """,
        at=((7, 3),),
        why="ES5: init() runs from the constructor and again from redirect(), adding a listener to `this` each time",
        message_contains="runs again on the same instance",
    ),
    Invalid(
        """
        class Connection extends EventEmitter {
          constructor(url) { super(); this.setup(url); }
          setup(url) { this.url = url; this.on('data', (chunk) => this.buffer.push(chunk)); }
          reconnect() { this.setup(this.url); }
        }
        """,
        at=((3, 32),),
        why="a class method the constructor runs and reconnect() runs again",
    ),
    Invalid(
        """
        angular.module('app').controller('StatsController', ['$scope', 'Socket', function ($scope, Socket) {
          var update = function (stats) { $scope.stats = stats; };
          var init = function () { Socket.on('stats', update); };
          init();
        }]);
        """,
        at=((3, 28),),
        why="AngularJS: a controller runs per view; an injected service is an app-wide singleton",
        message_contains="injected into an AngularJS controller",
    ),
    Invalid(
        """
        angular.module('app').controller('NavController', function ($scope, $rootScope) {
          $rootScope.$on('login', function () { $scope.user = true; });
        });
        """,
        at=((2, 3),),
        why="$rootScope.$on in a controller without keeping the deregistration function",
    ),
]

VALID = [
    Valid(
        """
        angular.module('app').controller('StatsController', ['$scope', 'Socket', function ($scope, Socket) {
          var update = function (stats) { $scope.stats = stats; };
          Socket.on('stats', update);
          $scope.$on('$destroy', function () { Socket.off('stats', update); });
        }]);
        """,
        why="removed when the view's scope is destroyed",
    ),
    Valid(
        """
        angular.module('app').controller('NavController', function ($scope, $rootScope) {
          var off = $rootScope.$on('login', function () { $scope.user = true; });
          $scope.$on('$destroy', off);
        });
        """,
        why="$on's deregistration function is kept and called on $destroy",
    ),
    Valid(
        """
        angular.module('app').controller('NavController', function ($scope) {
          $scope.$on('login', function () { $scope.user = true; });
        });
        """,
        why="$scope is the controller's own scope: its listeners die with the view",
    ),
    Valid(
        """
        angular.module('ui').controller('TooltipController', ['$scope', '$element', function (a, b) {
          b.on('$destroy', function () { a.open = false; });
        }]);
        """,
        why="minified: the array annotation names the parameters, and `$element` is a per-view local",
    ),
    Valid(
        """
        angular.module('app').factory('Tracker', function (Socket) {
          Socket.on('stats', function () {});
          return {};
        });
        """,
        why="a factory runs once: services are singletons",
    ),
    Valid(
        """
        function Request(options) { this.init(options); }
        Request.prototype.init = function (options) {
          var self = this;
          if (!self._piped) {
            self._piped = true;
            self.on('pipe', function (src) { self.src = src; });
          }
        };
        Request.prototype.redirect = function (location) { this.init({ uri: location }); };
        """,
        why="behind a one-shot flag on the instance: added once per instance",
    ),
    Valid(
        """
        class Connection extends EventEmitter {
          constructor(url) { super(); this.setup(url); }
          setup(url) { this.url = url; this.on('data', this.onData); }
          reconnect() { this.off('data', this.onData); this.setup(this.url); }
        }
        """,
        why="reconnect() removes the listener before running setup() again",
    ),
    Valid(
        """
        class Connection extends EventEmitter {
          constructor(url) { super(); this.setup(url); }
          setup(url) { this.url = url; this.on('data', (chunk) => this.buffer.push(chunk)); }
        }
        """,
        why="setup() runs only from the constructor: once per instance",
    ),
    Valid(
        """
        const proxy = httpProxy.createProxy();
        export function forward(req, res) {
          return new Promise((resolve) => {
            proxy.once('proxyRes', resolve);
            proxy.web(req, res);
          });
        }
        """,
        why="once() for the answer each call waits for: it fires and removes itself",
    ),
    Valid(
        """
        export function forward(req, res) {
          const proxy = httpProxy.createProxy();
          return new Promise((resolve, reject) => {
            proxy.once('error', reject);
            proxy.web(req, res);
          });
        }
        """,
        why="a proxy made per call: its listeners die with it",
    ),
    Valid(
        """
        const { EventEmitter } = require('events');
        class Protocol extends EventEmitter {
          query(request) {
            return new Promise((resolve) => {
              this.once(request.requestId, resolve);
              this.send(request);
            });
          }
          close() {
            for (const request of this.pending.values()) this.emit(request.requestId, { error: 'closed' });
          }
        }
        """,
        why="the file settles every per-call event itself on close",
    ),
    Valid(
        """
        const { EventEmitter } = require('events');
        class Protocol extends EventEmitter {
          query(request) {
            return new Promise((resolve) => {
              this.once(request.requestId, resolve);
              this.send(request);
            });
          }
          close() { this.removeAllListeners(); }
        }
        """,
        why="every listener is removed on close",
    ),
    Valid(
        """
        const proxy = httpProxy.createProxy();
        export function setup() {
          proxy.once('error', (err) => console.error(err));
        }
        """,
        why="registered once, from set-up code",
    ),
    Valid(
        """
        const monitor = require('./monitor');
        monitor.on('start', (event) => {
          monitor.once('exit', () => console.log('stopped')).emit('quit');
        });
        """,
        why="the function fires the event itself (chained emit): the once() listener runs right away",
    ),
    Valid(
        """
        app.get('/stop', (req, res) => {
          process.once('SIGINT', () => res.end('bye'));
          process.kill(process.pid, 'SIGINT');
        });
        """,
        why="the handler signals the receiver itself",
    ),
    Valid(
        """
        import { onMounted, onUnmounted } from 'vue';
        const onResize = () => layout();
        onMounted(() => window.addEventListener('resize', onResize));
        onUnmounted(() => window.removeEventListener('resize', onResize));
        """,
        why="removed again in onUnmounted",
    ),
]


@pytest.mark.parametrize("case", INVALID, ids=ids(INVALID))
def test_invalid(case):
    check_invalid(case, RULE)


@pytest.mark.parametrize("case", VALID, ids=ids(VALID))
def test_valid(case):
    check_valid(case, RULE)


def test_once_findings_are_medium():
    findings = run(INVALID[0].code, RULE)
    assert [f.confidence for f in findings] == ["medium"]


def _component_findings(source: str, rule: str):
    import textwrap

    from leaklint.engine import AnalysisOptions, analyze_source
    from leaklint.syntax import Grammar

    data = textwrap.dedent(source).lstrip("\n").encode()
    return analyze_source("Case.vue", data, Grammar.JAVASCRIPT, AnalysisOptions(rule_codes=(rule,))).findings


def test_script_setup_top_level_is_per_instance():
    """In `<script setup>` the top level runs per component: its bindings are not process-wide."""
    per_instance = """
        <script setup>
        import { onMounted, onUnmounted } from 'vue'
        let worker
        const items = []
        const onMessage = (event) => items.push(event.data)
        onMounted(() => {
          worker = new Worker('w.js')
          worker.addEventListener('message', onMessage)
          items.push('mounted')
        })
        onUnmounted(() => worker.terminate())
        </script>
        <template><div /></template>
    """
    assert _component_findings(per_instance, "LL002") == []
    assert _component_findings(per_instance, "LL001") == []
    on_window = per_instance.replace("worker.addEventListener('message', onMessage)", "window.addEventListener('resize', onMessage)")
    assert [f.line for f in _component_findings(on_window, "LL002")] == [8]
