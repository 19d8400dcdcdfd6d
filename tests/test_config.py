"""`[tool.leaklint]` / `leaklint.toml`: discovery, validation (exit 2 naming the key), precedence, rule options."""

from __future__ import annotations

import pytest

from leaklint.config import ConfigError, find_config_file, load_config
from tests.conftest import LEAKY_JS

LISTENER_JS = """\
registerRoute((ctx) => {
  ctx.services.events.on('x', () => ctx.done());
});
"""


def test_found_by_walking_up_and_leaklint_toml_wins(tmp_path, monkeypatch):
    (tmp_path / "pyproject.toml").write_text('[tool.leaklint]\nselect = ["LL001"]\n')
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert find_config_file() == str(tmp_path / "pyproject.toml")
    assert load_config().select == ("LL001",)
    (tmp_path / "a" / "pyproject.toml").write_text("[project]\nname = 'x'\n")  # no [tool.leaklint]: passed over
    assert find_config_file() == str(tmp_path / "pyproject.toml")
    (tmp_path / "leaklint.toml").write_text('select = ["unremoved-listener"]\n')
    assert find_config_file() == str(tmp_path / "leaklint.toml")
    assert load_config().select == ("LL002",)


def test_no_config_file_is_fine(tmp_path):
    assert find_config_file(str(tmp_path)) is None or not str(find_config_file(str(tmp_path))).startswith(str(tmp_path))


@pytest.mark.parametrize(
    "body,expected",
    [
        ("selec = ['LL001']", "unknown key 'selec' (did you mean 'select'?)"),
        ("colour = true", "unknown key 'colour'; known keys: select, ignore"),
        ("select = ['LL999']", "'select' names an unknown rule 'LL999'"),
        ("ignore = 3", "'ignore' must be a list of non-empty strings"),
        ("fail-level = 'fatal'", "'fail-level' must be one of note, warning, error, not 'fatal'"),
        ("require-reason = 'yes'", "'require-reason' must be true or false"),
        ("per-file-ignores = ['x']", "'per-file-ignores' must be a table"),
        ("per-file-ignores = { 'tests/**' = ['nope'] }", "'per-file-ignores' names an unknown rule 'nope'"),
        ("long-lived-receivers = ['a b']", "'long-lived-receivers' has 'a b', which is not a name or dotted path"),
        ("cleanup-methods = ['x.y']", "'cleanup-methods' has 'x.y', which is not a method name"),
        ("acquire-release = { subscribe = 1 }", "'acquire-release' entry 'subscribe' must map a method name to a method name"),
        ("select = [", "invalid TOML"),
    ],
)
def test_bad_configuration_is_exit_2_naming_the_key(write, cli, body, expected):
    write("app.js", LEAKY_JS)
    write("pyproject.toml", f"[tool.leaklint]\n{body}\n")
    result = cli("app.js")
    assert result.exit_code == 2
    assert expected in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stderr.startswith("leaklint: ") and "pyproject.toml" in result.stderr


def test_explicit_config_file_missing(write, cli):
    write("app.js", LEAKY_JS)
    result = cli("--config", "nope.toml", "app.js")
    assert result.exit_code == 2 and "nope.toml: configuration file not found" in result.stderr


def test_load_config_raises_config_error(tmp_path):
    path = tmp_path / "leaklint.toml"
    path.write_text("unknown = 1\n")
    with pytest.raises(ConfigError, match="unknown key 'unknown'"):
        load_config(str(path))


def test_select_ignore_and_command_line_override(write, cli_json):
    write("app.js", LEAKY_JS + "const bus = require('./bus');\napp.get('/b', (req, res) => { bus.on('x', () => res.end()); });\n")
    write("leaklint.toml", 'ignore = ["LL001"]\n')
    assert {f["rule"] for f in cli_json("app.js")[1]["findings"]} == {"LL002"}
    assert {f["rule"] for f in cli_json("--ignore", "LL002", "app.js")[1]["findings"]} == {"LL001"}
    write("leaklint.toml", 'select = ["LL001"]\n')
    assert {f["rule"] for f in cli_json("app.js")[1]["findings"]} == {"LL001"}
    assert {f["rule"] for f in cli_json("--select", "LL002", "app.js")[1]["findings"]} == {"LL002"}
    assert cli_json("--isolated", "app.js")[1]["findings"]


def test_exclude_replaces_the_defaults_and_extend_exclude_adds(write, cli_json):
    write("src/app.js", LEAKY_JS)
    write("src/generated/app.js", LEAKY_JS)
    write("node_modules/lib/app.js", LEAKY_JS)
    write("leaklint.toml", 'extend-exclude = ["generated"]\n')
    assert {f["path"] for f in cli_json(".")[1]["findings"]} == {"src/app.js"}
    write("leaklint.toml", 'exclude = ["generated"]\n')
    assert {f["path"] for f in cli_json(".")[1]["findings"]} == {"src/app.js", "node_modules/lib/app.js"}


def test_per_file_ignores_are_relative_to_the_config_file(write, cli_json, tmp_path, monkeypatch):
    write("src/app.js", LEAKY_JS)
    write("tests/app.test.js", LEAKY_JS)
    write("pyproject.toml", '[tool.leaklint.per-file-ignores]\n"tests/**" = ["unbounded-collection"]\n')
    assert {f["path"] for f in cli_json(".")[1]["findings"]} == {"src/app.js"}
    monkeypatch.chdir(tmp_path / "tests")
    assert cli_json(".")[1]["findings"] == []


def test_rule_options_reach_the_model(write, cli_json):
    write("app.js", LISTENER_JS)
    assert cli_json("app.js")[1]["findings"] == []
    write(
        "leaklint.toml",
        'handler-registrations = ["registerRoute"]\nlong-lived-receivers = ["ctx.services.events"]\n',
    )
    findings = cli_json("app.js")[1]["findings"]
    assert [(f["rule"], f["line"]) for f in findings] == [("LL002", 2)]
    assert "configured long-lived receiver `ctx.services.events`" in findings[0]["message"]
    assert "handler registered with registerRoute()" in findings[0]["message"]


def test_acquire_release_pairs_and_cleanup_methods(write, cli_json):
    write(
        "app.js",
        """\
        import { store, bus } from './state';
        app.get('/a', (req, res) => {
          const onChange = () => res.write('changed');
          store.watch(onChange);
          bus.on('tick', onChange);
        });
        export function stop(onChange) { bus.dispose(); }
        """,
    )
    assert [f["line"] for f in cli_json("app.js")[1]["findings"]] == [5]
    write("leaklint.toml", '[acquire-release]\nwatch = "unwatch"\n')
    findings = cli_json("app.js")[1]["findings"]
    assert [f["line"] for f in findings] == [4, 5]
    assert "listener for `watch()`" in findings[0]["message"]
    write("leaklint.toml", 'cleanup-methods = ["dispose"]\n[acquire-release]\nwatch = "unwatch"\n')
    assert [f["line"] for f in cli_json("app.js")[1]["findings"]] == [4]
    write(
        "app.js",
        """\
        import { store } from './state';
        app.get('/a', (req, res) => {
          const onChange = () => res.write('changed');
          store.watch(onChange);
          res.on('close', () => store.unwatch(onChange));
        });
        """,
    )
    assert cli_json("app.js")[1]["findings"] == []


def test_subscribe_is_built_in_and_unsubscribe_with_the_same_function_removes_it(write, cli_json):
    write(
        "app.js",
        """\
        import { store } from './state';
        app.get('/a', (req, res) => {
          const onChange = () => res.write('changed');
          store.subscribe(onChange);
        });
        """,
    )
    findings = cli_json("app.js")[1]["findings"]
    assert [f["line"] for f in findings] == [4]
    assert "drops the subscription it returns" in findings[0]["message"]
    write(
        "app.js",
        """\
        import { store } from './state';
        app.get('/a', (req, res) => {
          const onChange = () => res.write('changed');
          store.subscribe(onChange);
          res.on('close', () => store.unsubscribe(onChange));
        });
        """,
    )
    assert cli_json("app.js")[1]["findings"] == []


def test_the_documented_example_is_valid():
    import re
    import tomllib
    from pathlib import Path

    from leaklint.config import parse_table

    text = (Path(__file__).resolve().parent.parent / "docs" / "integrations.md").read_text()
    block = re.search(r"```toml\n(.*?)```", text, re.S).group(1)
    config = parse_table(tomllib.loads(block)["tool"]["leaklint"], "docs/integrations.md")
    assert config.rule_options.acquire_release == (("subscribe", "unsubscribe"), ("watch", "unwatch"))
