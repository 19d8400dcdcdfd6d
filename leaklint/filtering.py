"""The filter stage: per-file ignores, suppression directives, the baseline.

It sees the whole run (every file's findings and directives) and decides what
is reported.  Directive problems (unknown codes, missing reasons, unused
directives) become findings of the meta-rules in `leaklint.suppressions`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

import pathspec

from leaklint import baseline as baseline_module
from leaklint.engine import FileResult
from leaklint.findings import Finding
from leaklint.rules import code_by_code_or_name
from leaklint.rules.base import RuleMeta
from leaklint.suppressions import (
    SUPPRESSION_WITHOUT_REASON,
    UNKNOWN_SUPPRESSION_CODE,
    UNUSED_SUPPRESSION,
    Directive,
)


@dataclass(frozen=True)
class FilterSettings:
    """What the filter stage needs from the configuration and the command line."""

    selected: tuple[str, ...]
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    config_root: str = "."
    require_reason: bool = False
    report_unused: bool = False
    # Which meta-rules (LL900-LL902) report; None: LL902, plus LL901/LL900 when
    # require_reason/report_unused are set.  The CLI passes the set it derives
    # from those switches, --select/--ignore and the configuration.
    meta_rules: frozenset[str] | None = None

    def enabled_meta_rules(self) -> frozenset[str]:
        """The meta-rules this run reports (before per-file ignores)."""
        if self.meta_rules is not None:
            return self.meta_rules
        codes = {UNKNOWN_SUPPRESSION_CODE.code}
        if self.require_reason:
            codes.add(SUPPRESSION_WITHOUT_REASON.code)
        if self.report_unused:
            codes.add(UNUSED_SUPPRESSION.code)
        return frozenset(codes)


@dataclass
class Suppressed:
    """A finding silenced by a directive, with the directive's reason."""

    finding: Finding
    directive: Directive


@dataclass
class FilterOutcome:
    """What to report and what was left out."""

    findings: list[Finding]
    suppressed: list[Suppressed] = field(default_factory=list)
    baselined: list[Finding] = field(default_factory=list)
    stale_baseline: dict[str, dict[str, list[str]]] = field(default_factory=dict)
    ran: dict[str, set[str]] = field(default_factory=dict)  # path -> rules that ran on it

    @property
    def stale_count(self) -> int:
        """Baseline entries that no longer occur."""
        return sum(len(fps) for rules in self.stale_baseline.values() for fps in rules.values())


class _PerFileIgnores:
    def __init__(self, entries: tuple[tuple[str, tuple[str, ...]], ...], root: str) -> None:
        self.root = os.path.abspath(root)
        self.entries = [(pathspec.GitIgnoreSpec.from_lines([pattern]), set(codes)) for pattern, codes in entries]

    def ignored(self, display_path: str) -> set[str]:
        if not self.entries:
            return set()
        relative = os.path.relpath(os.path.abspath(display_path), self.root).replace(os.sep, "/")
        ignored: set[str] = set()
        for spec, codes in self.entries:
            if spec.match_file(relative):
                ignored |= codes
        return ignored


def _meta_finding(meta: RuleMeta, directive: Directive, path: str, message: str) -> Finding:
    return Finding(
        rule=meta.code,
        name=meta.name,
        severity=meta.severity,
        path=path,
        span=directive.span,
        message=message,
        confidence="high",
        frame=(directive.line_text,),
        frame_first_line=directive.span.line,
    )


def _directive_label(directive: Directive) -> str:
    return {"next-line": "leaklint-disable-next-line", "line": "leaklint-disable-line", "file": "leaklint-disable"}[
        directive.kind
    ]


def _filter_file(
    result: FileResult, ran: set[str], settings: FilterSettings, outcome: FilterOutcome, meta_ran: set[str] | None = None
) -> None:
    path = result.path
    if meta_ran is None:
        meta_ran = set(settings.enabled_meta_rules())
    findings = [f for f in result.findings if f.rule in ran]
    directives: list[tuple[Directive, set[str] | None]] = []  # None: every rule
    for directive in result.directives:
        label = _directive_label(directive)
        codes: set[str] = set()
        for token in directive.codes:
            code = code_by_code_or_name(token)
            if code is None:
                if UNKNOWN_SUPPRESSION_CODE.code not in meta_ran:
                    continue
                outcome.findings.append(
                    _meta_finding(
                        UNKNOWN_SUPPRESSION_CODE,
                        directive,
                        path,
                        f"`{label}` names unknown rule '{token}', so it silences nothing (see `leaklint rules`)",
                    )
                )
            else:
                codes.add(code)
        for token in directive.malformed if UNKNOWN_SUPPRESSION_CODE.code in meta_ran else ():
            outcome.findings.append(
                _meta_finding(
                    UNKNOWN_SUPPRESSION_CODE,
                    directive,
                    path,
                    f"`{label}` has '{token}', which is not a rule code or name; "
                    "separate codes with commas or spaces and put the reason after ' -- '",
                )
            )
        if SUPPRESSION_WITHOUT_REASON.code in meta_ran and not directive.reason:
            outcome.findings.append(
                _meta_finding(
                    SUPPRESSION_WITHOUT_REASON,
                    directive,
                    path,
                    f"`{label}` gives no reason; add ` -- why this is not a leak`",
                )
            )
        if directive.codes and not codes:
            continue  # names only unknown rules: already reported, silences nothing
        directives.append((directive, codes if directive.codes else None))
    used: dict[int, set[str]] = {}
    for finding in findings:
        match = None
        for index, (directive, codes) in enumerate(directives):
            if directive.covers_line(finding.line) and (codes is None or finding.rule in codes):
                match = index
                break
        if match is None:
            outcome.findings.append(finding)
            continue
        used.setdefault(match, set()).add(finding.rule)
        outcome.suppressed.append(Suppressed(finding, directives[match][0]))
    if UNUSED_SUPPRESSION.code not in meta_ran:
        return
    for index, (directive, codes) in enumerate(directives):
        label = _directive_label(directive)
        hit = used.get(index, set())
        if codes is None:
            if not hit:
                outcome.findings.append(
                    _meta_finding(UNUSED_SUPPRESSION, directive, path, f"`{label}` silences no finding; remove it")
                )
            continue
        unused = sorted(code for code in codes - hit if code in ran)
        if not unused:
            continue
        if len(unused) == len(codes):
            message = f"`{label}` silences no {', '.join(unused)} finding; remove it"
        else:
            message = f"`{label}` silences no {', '.join(unused)} finding; remove {'it' if len(unused) == 1 else 'them'} from the directive"
        outcome.findings.append(_meta_finding(UNUSED_SUPPRESSION, directive, path, message))


def apply_filters(
    results: list[FileResult], settings: FilterSettings, baseline: baseline_module.Baseline | None = None
) -> FilterOutcome:
    """Apply per-file ignores and directives to every file, then the baseline."""
    outcome = FilterOutcome(findings=[])
    ignores = _PerFileIgnores(settings.per_file_ignores, settings.config_root)
    meta_codes = settings.enabled_meta_rules()
    for result in results:
        ignored = ignores.ignored(result.path)
        ran = set(settings.selected) - ignored
        meta_ran = set(meta_codes) - ignored
        if result.analyzed:
            outcome.ran[result.path] = ran | meta_ran
        _filter_file(result, ran, settings, outcome, meta_ran)
    outcome.findings.sort(key=Finding.sort_key)
    if baseline is not None:
        matched = baseline_module.match(baseline, outcome.findings, outcome.ran)
        outcome.findings = matched.new
        outcome.baselined = matched.baselined
        outcome.stale_baseline = matched.stale
    return outcome


def merge_outcomes(outcomes: list[FilterOutcome], baseline: baseline_module.Baseline | None = None) -> FilterOutcome:
    """One outcome from the outcomes of several groups of files (each filtered with its own settings).

    The groups are the files governed by different configuration files; the
    baseline covers the whole run, so it is matched once, after merging.
    """
    merged = FilterOutcome(findings=[])
    for outcome in outcomes:
        merged.findings.extend(outcome.findings)
        merged.suppressed.extend(outcome.suppressed)
        merged.ran.update(outcome.ran)
    merged.findings.sort(key=Finding.sort_key)
    if baseline is not None:
        matched = baseline_module.match(baseline, merged.findings, merged.ran)
        merged.findings = matched.new
        merged.baselined = matched.baselined
        merged.stale_baseline = matched.stale
    return merged
