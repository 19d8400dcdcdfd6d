"""The rule registry's code/name table (leaklint/rules/__init__.py) and its lazy import of the rules."""

from __future__ import annotations

import subprocess
import sys

from leaklint.rules import ALL_RULES, RULE_CODES, RULE_NAMES, code_by_code_or_name, rule_by_code_or_name


def test_the_table_lists_every_rule_class_in_registry_order():
    assert RULE_NAMES == tuple((rule.code, rule.name) for rule in ALL_RULES)
    assert RULE_CODES == tuple(rule.code for rule in ALL_RULES)
    assert len(set(RULE_CODES)) == len(RULE_CODES)


def test_lookups_by_code_or_name_agree_with_the_classes():
    for rule in ALL_RULES:
        for key in (rule.code, rule.code.lower(), rule.name, f" {rule.name.upper()} "):
            found = rule_by_code_or_name(key)
            assert code_by_code_or_name(key) == (found.code if found else None)
    assert code_by_code_or_name("LL902") == "LL902"  # a meta-rule
    assert code_by_code_or_name("no-such-rule") is None and rule_by_code_or_name("no-such-rule") is None


def test_the_command_line_module_imports_no_rule_and_no_model():
    code = (
        "import sys, leaklint.cli\n"
        "loaded = sorted(m for m in sys.modules if m.startswith(('leaklint.model', 'leaklint.project.', 'leaklint.heap'))"
        " or (m.startswith('leaklint.rules.') and m not in ('leaklint.rules.base',)))\n"
        "print(loaded)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
