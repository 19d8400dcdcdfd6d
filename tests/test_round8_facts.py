"""Model facts for the round-8 miss causes 2 and 3 (tests/corpus/README.md, "Round 8").

- frequency (cause 2): a component or plugin framework's set-up hook runs once
  for every instance it makes: an A-Frame component's `init()` (with `remove()`
  as its teardown) and a ProseMirror plugin's `view(editorView)` (with the
  `destroy()` of the object it returns); components made with
  `Vue.extend({ … })` / `defineComponent({ … })` are options-API components;
- lifetime (cause 3): AngularJS's injected page services (`$document`,
  `$window`, `$rootElement`, `$rootScope`) are one for the page; a Vue
  component's `this.$name` that Vue does not make per instance is a plugin's
  property on the prototype, one for the app, and so is its member; the editor
  view a ProseMirror plugin's `view()` is given outlives the plugin view.

Each fact has cases of both signs: where it applies and where the same code
shape must stay quiet.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from leaklint.cli import main


def run_json(cwd: Path, *paths: str) -> list[dict]:
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(
            main, ["--format", "json", "--isolated", "--no-cache", *paths], catch_exceptions=False
        )
    finally:
        os.chdir(old)
    return json.loads(result.output)["findings"]


def write(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)


def lines_of(findings: list[dict], rule: str, path: str) -> set[int]:
    return {f["line"] for f in findings if f["rule"] == rule and f["path"] == path}


def check(tmp_path: Path, name: str, source: str, rule: str, lines: set[int]) -> None:
    write(tmp_path, {name: source})
    assert lines_of(run_json(tmp_path, name), rule, name) == lines


# -- (2) per-instance hooks of component and plugin frameworks --------------------------------

AFRAME = """\
AFRAME.registerComponent('keyboard', {
  init: function () {
    this.onKey = this.onKey.bind(this);
    document.addEventListener('keydown', this.onKey);
  },
%s  onKey: function (e) { this.el.emit('key', e.key); }
});
"""

PROSEMIRROR = """\
import { Plugin } from 'prosemirror-state'
export const cursorPlugin = (awareness) => new %s({
  view: (editorView) => {
    const update = () => awareness.setLocalStateField('cursor', editorView.state.selection.head)
    document.addEventListener('selectionchange', update)
    return {
      update,
      destroy: () => {%s}
    }
  }
})
"""

HOOK_CASES = [
    # A-Frame: init() runs for every entity that gets the component; nothing removes the listener
    ("aframe init, no remove", "a.js", AFRAME % "", "LL002", {4}),
    # remove() is the teardown and takes the same function back
    (
        "aframe init, removed in remove()",
        "a.js",
        AFRAME % "  remove: function () {\n    document.removeEventListener('keydown', this.onKey);\n  },\n",
        "LL002",
        set(),
    ),
    # the same object literal not given to registerComponent: a plain object's method, run as often as callers decide
    (
        "init of a plain object",
        "a.js",
        (AFRAME % "").replace("AFRAME.registerComponent('keyboard', {", "export const keyboard = {").replace("});", "};"),
        "LL002",
        set(),
    ),
    # ProseMirror: view() runs each time an editor makes the plugin's view; destroy() forgets the listener
    ("plugin view, destroy forgets it", "p.js", PROSEMIRROR % ("Plugin", ""), "LL002", {5}),
    # destroy() removes it
    (
        "plugin view, destroy removes it",
        "p.js",
        PROSEMIRROR % ("Plugin", " document.removeEventListener('selectionchange', update) "),
        "LL002",
        set(),
    ),
    # a `view` option of another constructor is not a plugin view
    ("view of another constructor", "p.js", PROSEMIRROR % ("Widget", ""), "LL002", set()),
    # LL004: an interval started in an A-Frame init() and cleared in remove() is stopped with the component
    (
        "aframe interval cleared in remove()",
        "t.js",
        "AFRAME.registerComponent('clock', {\n  init: function () {\n    this.timer = setInterval(this.show.bind(this), 1000);\n"
        "  },\n  remove: function () {\n    clearInterval(this.timer);\n  },\n"
        "  show: function () { this.el.setAttribute('value', Date.now()); }\n});\n",
        "LL004",
        set(),
    ),
    # …and reported when nothing clears it
    (
        "aframe interval never cleared",
        "t.js",
        "AFRAME.registerComponent('clock', {\n  init: function () {\n    this.timer = setInterval(this.show.bind(this), 1000);\n"
        "  },\n  show: function () { this.el.setAttribute('value', Date.now()); }\n});\n",
        "LL004",
        {3},
    ),
    # LL004: a plugin view's interval cleared by the destroy() it returns
    (
        "plugin view interval cleared in destroy()",
        "t.js",
        "import { Plugin } from 'prosemirror-state'\nexport const blink = () => new Plugin({\n  view(editorView) {\n"
        "    const timer = setInterval(() => editorView.dom.classList.toggle('blink'), 500)\n"
        "    return { destroy() { clearInterval(timer) } }\n  }\n})\n",
        "LL004",
        set(),
    ),
    # Vue.extend({…}): its created() is a per-mount hook, and this.$root the app's root instance
    (
        "Vue.extend component",
        "c.js",
        "import Vue from 'vue';\nexport default Vue.extend({\n  methods: { onRemove() {} },\n  created() {\n"
        "    this.$root.$on('remove', (id) => { this.onRemove(id); });\n  },\n});\n",
        "LL002",
        {5},
    ),
    # …and its beforeDestroy() teardown removes the same method
    (
        "Vue.extend component, $off in beforeDestroy",
        "c.js",
        "import Vue from 'vue';\nexport default Vue.extend({\n  methods: { onRemove() {} },\n  created() {\n"
        "    this.$root.$on('remove', this.onRemove);\n  },\n  beforeDestroy() {\n    this.$root.$off('remove', this.onRemove);\n"
        "  },\n});\n",
        "LL002",
        set(),
    ),
    # defineComponent({…}) likewise
    (
        "defineComponent component",
        "c.js",
        "import { defineComponent } from 'vue';\nexport default defineComponent({\n  methods: { onRemove() {} },\n"
        "  mounted() {\n    this.$root.$on('remove', (id) => { this.onRemove(id); });\n  },\n});\n",
        "LL002",
        {5},
    ),
]


@pytest.mark.parametrize(("what", "name", "source", "rule", "lines"), HOOK_CASES, ids=[c[0] for c in HOOK_CASES])
def test_framework_set_up_hooks_run_once_per_instance(tmp_path, what, name, source, rule, lines):
    check(tmp_path, name, source, rule, lines)


# -- (3) receivers a framework makes one of for the page or the app ----------------------------

ANGULAR_DIRECTIVE = """\
crop.directive('imgCrop', [%s, function ($document) {
  return { link: function (scope, element) {
    var onMove = function (e) { element.data('x', e.pageX); };
    element.on('mousedown', function () {
      $document.on('mousemove', onMove);%s
    });
  } };
}]);
"""

VUE_PLUGIN = """\
<script>
export default {
  data() { return { toast: { id: 1 } }; },
  methods: { onRemove() {} },
  created() {
    %s.$on('remove', this.onRemove);
  },
  destroyed() {%s},
};
</script>
"""

RECEIVER_CASES = [
    # `$document` injected into a directive: the page's document; a listener added on every mousedown
    ("angularjs $document, per mousedown", "f.js", ANGULAR_DIRECTIVE % ("'$document'", ""), "LL002", {5}),
    # …the same with the right function removed
    # …taken back when the drag ends
    ("angularjs $document, removed", "f.js", ANGULAR_DIRECTIVE % ("'$document'", "\n      $document.one('mouseup', function () { $document.off('mousemove', onMove); });"), "LL002", set()),
    # the annotation injects another service under the parameter name `$document`
    ("another service named $document", "f.js", ANGULAR_DIRECTIVE % ("'cropEvents'", ""), "LL002", set()),
    # `$window` injected into a directive: a resize listener added each time the element gets the focus
    (
        "angularjs $window in a directive",
        "d.js",
        "angular.module('app').directive('fit', ['$window', function ($window) {\n  return { link: function (scope, el) {\n"
        "    var fit = function () { el.css('width', $window.innerWidth); };\n"
        "    el.on('focus', function () {\n      $window.addEventListener('resize', fit);\n    });\n  } };\n}]);\n",
        "LL002",
        {5},
    ),
    # a plugin's service on the prototype, and its emitter: one for the app
    ("vue plugin member", "t.vue", VUE_PLUGIN % ("this.$snotify.emitter", ""), "LL002", {6}),
    # …removed with the same method in destroyed()
    (
        "vue plugin member, $off in destroyed",
        "t.vue",
        VUE_PLUGIN % ("this.$snotify.emitter", " this.$snotify.emitter.$off('remove', this.onRemove); "),
        "LL002",
        set(),
    ),
    # a `$` member the component assigns itself is its own, not a plugin's
    (
        "vue own $ member",
        "t.vue",
        VUE_PLUGIN.replace("  created() {\n", "  created() {\n    this.$chart = makeChart(this.$el);\n") % ("this.$chart", ""),
        "LL002",
        set(),
    ),
    # `$parent` and `$refs` are per instance: listeners on them die with the component tree
    ("vue $parent", "t.vue", VUE_PLUGIN % ("this.$parent", ""), "LL002", set()),
    ("vue $refs member", "t.vue", VUE_PLUGIN % ("this.$refs.list", ""), "LL002", set()),
    # the editor view a plugin's view() is given, and its element, outlive the plugin view
    (
        "plugin view's editor element",
        "v.js",
        "import { Plugin } from 'prosemirror-state'\nexport const focus = (awareness) => new Plugin({\n  view: (view) => {\n"
        "    const onFocus = () => awareness.setLocalStateField('focused', true)\n"
        "    view.dom.addEventListener('focusin', onFocus)\n    return { destroy: () => {} }\n  }\n})\n",
        "LL002",
        {5},
    ),
    # the parameter of a `view` function that is not a plugin's is not known
    (
        "view parameter of another object",
        "v.js",
        "export const focus = (awareness) => ({\n  view: (view) => {\n"
        "    const onFocus = () => awareness.setLocalStateField('focused', true)\n"
        "    view.dom.addEventListener('focusin', onFocus)\n    return { destroy: () => {} }\n  }\n})\n",
        "LL002",
        set(),
    ),
]


@pytest.mark.parametrize(("what", "name", "source", "rule", "lines"), RECEIVER_CASES, ids=[c[0] for c in RECEIVER_CASES])
def test_receivers_a_framework_makes_one_of(tmp_path, what, name, source, rule, lines):
    check(tmp_path, name, source, rule, lines)


def test_plugin_member_message_names_the_convention(tmp_path):
    write(tmp_path, {"t.vue": VUE_PLUGIN % ("this.$snotify.emitter", "")})
    [finding] = [f for f in run_json(tmp_path, "t.vue") if f["rule"] == "LL002"]
    assert "a plugin's property on the prototype" in finding["message"]
    assert finding["confidence"] == "medium"


def test_angularjs_page_service_message(tmp_path):
    write(tmp_path, {"f.js": ANGULAR_DIRECTIVE % ("'$document'", "")})
    [finding] = [f for f in run_json(tmp_path, "f.js") if f["rule"] == "LL002"]
    assert "AngularJS's `$document`" in finding["message"]


# -- (5) a hand-written stream whose own write() drops backpressure (LL006) -------------------

OLD_STREAM = """\
var util = require('util');
var Stream = require('stream').Stream;

function ResponseStream(res) {
  Stream.call(this);
  this.writable = true;
  this.response = res;
}
util.inherits(ResponseStream, %s);

ResponseStream.prototype.write = function (data) {
%s};
"""

STREAM_WRITE_CASES = [
    # emits each chunk as 'data' and returns nothing: a source piped into it is never paused
    ("emit data, no return", OLD_STREAM % ("Stream", "  if (this.writable) {\n    this.emit('data', data);\n  }\n"), {13}),
    # returns the result of the stream it feeds: pipe() sees its false
    ("returns dest.write()", OLD_STREAM % ("Stream", "  this.emit('data', data);\n  return this.dest.write(data);\n"), set()),
    # reports a paused state of its own
    ("returns !paused", OLD_STREAM % ("Stream", "  this.emit('data', data);\n  return !this.paused;\n"), set()),
    # not a stream: an emitter's write() that emits 'data' says nothing about pipe()
    ("inherits EventEmitter", OLD_STREAM % ("EventEmitter", "  this.emit('data', data);\n"), set()),
    # a write() that keeps the chunk instead of passing it on
    ("no emit", OLD_STREAM % ("Stream", "  this.chunks = (this.chunks || []).concat(data);\n"), set()),
]


@pytest.mark.parametrize(("what", "source", "lines"), STREAM_WRITE_CASES, ids=[c[0] for c in STREAM_WRITE_CASES])
def test_stream_write_that_never_returns_false(tmp_path, what, source, lines):
    check(tmp_path, "s.js", source, "LL006", lines)


def test_stream_write_class_form(tmp_path):
    source = (
        "const { Stream } = require('stream');\nclass Tee extends Stream {\n  write(chunk) {\n"
        "    this.emit('data', chunk);\n  }\n}\nmodule.exports = Tee;\n"
    )
    check(tmp_path, "s.js", source, "LL006", {4})
