"""Finding messages read as sentences.

Messages are assembled from parts (where the code is, how often it runs, why
the receiver lives long), and a part written as a clause reads wrongly where
a noun phrase belongs: "setInterval in the a function of `ws` takes a
request-like parameter ...". These tests hold the assembly to English on a
table of frequency reasons and on every finding the corpus and the samples
produce.
"""

from __future__ import annotations

import re

import pytest

from leaklint.model.frequency import Evidence, Frequency, FrequencyFact, HandlerKind
from tests.corpus.score import load_cases, run_leaklint
from tests.ruletest import run as run_rule

# Word patterns that only a mis-assembled message contains.
GLITCHES = {
    "doubled article": re.compile(r"\b(the|a|an) (the|a|an)\b"),
    "clause after 'in the'": re.compile(r"\bin the `[^`]*` (is|takes)\b"),
    "doubled word": re.compile(r"\b(of|in|is|and|to|on) \1\b"),
    "space before comma": re.compile(r" ,"),
    "two parentheses in a row": re.compile(r"\) \("),
}


@pytest.mark.parametrize(
    "reason, handler, role",
    [
        ("Vue `mounted` hook", HandlerKind.MOUNT, "Vue `mounted` hook"),
        ("JSX `onClick` handler", HandlerKind.EVENT, "JSX `onClick` handler"),
        ("`useEffect()` setup function", HandlerKind.MOUNT, "`useEffect()` setup function"),
        ("has a request-handler signature", HandlerKind.REQUEST, None),
        ("re-arms itself with setTimeout(): it runs again each time that timer fires", HandlerKind.TIMER, None),
        (
            "a function of `ws` takes a request-like parameter `ws`, so it is assumed to run once per connection",
            HandlerKind.CONNECTION,
            None,
        ),
        ("`onData()` is named like a handler, so it is assumed to run once per event", HandlerKind.EVENT, None),
        ("the exported `GET` is a file-based route handler (Next.js, SvelteKit, Remix)", HandlerKind.REQUEST, None),
        ("Vue `mounted` hook", None, None),  # not a handler: the reason does not name the function's role
    ],
)
def test_role_is_the_reason_only_when_it_is_a_noun_phrase(reason, handler, role):
    fact = FrequencyFact(Frequency.PER_EVENT, reason, None, handler, evidence=Evidence.SHAPE)
    assert fact.role == role


@pytest.mark.parametrize(
    "opening, where",
    [
        ("open().then(ws => {", "the `open().then()` callback at line 4"),
        ("get(url).then(ws => {", "the `get(url).then()` callback at line 4"),
    ],
)
def test_a_function_with_a_request_like_parameter_is_named_by_its_place(opening, where):
    code = f"""\
export default {{
  methods: {{
    connect() {{
      {opening}
        ws.interval = setInterval(() => ws.send(this.room), 30000);
        ws.onclose = () => clearInterval(ws.interval);
      }});
    }},
  }},
  mounted() {{ this.connect(); }},
}};
"""
    findings = run_rule(code, "LL004")
    assert len(findings) == 1
    message = findings[0].message
    assert message.startswith(f"setInterval in {where} belongs to a Vue component"), message
    assert "takes a request-like parameter" not in message


def _corpus_texts() -> list[tuple[str, str]]:
    texts = []
    for case in load_cases():
        for side in case.sides():
            for finding in run_leaklint(side)["findings"]:
                where = f"{case.slug}/{side.name}:{finding['line']}"
                texts.append((where, finding["message"]))
                texts.extend((where, related["message"]) for related in finding.get("related", []))
    return texts


def test_corpus_messages_have_no_assembly_glitches():
    texts = _corpus_texts()
    assert len(texts) > 300  # the corpus's findings and their notes are all read
    bad = [
        f"{where}: {name}: {text[:160]}"
        for where, text in texts
        for name, pattern in GLITCHES.items()
        if pattern.search(text)
    ]
    assert not bad, "\n".join(bad)


def test_the_glitch_patterns_catch_what_they_name():
    samples = {
        "doubled article": "setInterval in the a function of `ws`",
        "clause after 'in the'": "grows in the `onData()` is named like a handler",
        "doubled word": "kept alive for the life of of the process",
        "space before comma": "listener on `x` , never removed",
        "two parentheses in a row": "in the function at line 12 (it has a signature) (on every request)",
    }
    for name, text in samples.items():
        assert GLITCHES[name].search(text), name


def test_a_class_field_arrow_is_named_by_its_class_and_field():
    code = """\
export class Fonts {
  static loaded = new Set();
  onLoaded = (faces) => {
    for (const face of faces) Fonts.loaded.add(face.id);
  };
}
"""
    findings = run_rule(code, "LL001")
    assert findings, "the static Set grows in the field's arrow function"
    assert "`Fonts.onLoaded()`" in findings[0].message, findings[0].message
