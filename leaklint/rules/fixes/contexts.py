"""LL005 fixes: let go of the shared variable once the function no longer needs it."""

from __future__ import annotations

from leaklint.findings import Applicability, Edit, Fix
from leaklint.model import Binding, FileModel, Function
from leaklint.rules.fixes import block_end_insert, insert_before, is_used_name


def null_out_at_end(model: FileModel, function: Function, binding: Binding) -> Fix | None:
    """`previous = null;` as the function's last statement (and `const previous` becomes `let`).

    V8 keeps the variable in the context every closure of the call shares;
    once it is null the context no longer holds the old value.  Unsafe: a
    sibling closure that runs after the function returns (a callback, a
    listener) would then see null.
    """
    body = function.body
    if body is None or body.type != "statement_block" or binding.kind not in ("const", "let", "var"):
        return None
    if binding.declaration is None or binding.declaration.type != "variable_declarator":
        return None  # destructured: the other names would need the same care
    source = model.source
    name = binding.name
    returns = [n for n in model.nodes("return") if model.function_at(n) is function]
    statements = [c for c in body.named_children if c.type != "comment"]
    if not statements:
        return None
    edits: list[Edit] = []
    text = f"{name} = null;"
    if returns:
        last = statements[-1]
        if len(returns) > 1 or returns[0] != last or is_used_name(last.text, name):
            return None  # several exits, or the returned value reads the variable
        edits.append(insert_before(source, last, text))
    else:
        end = block_end_insert(source, body, text)
        if end is None:
            return None
        edits.append(end)
    declaration = binding.declaration.parent
    if binding.kind == "const":
        if declaration is None or declaration.type != "lexical_declaration":
            return None
        keyword = declaration.child(0)
        if keyword is None or keyword.type != "const":
            return None
        if len([c for c in declaration.named_children if c.type == "variable_declarator"]) > 1:
            return None  # `const a = 1, previous = x`: turning `a` into a `let` too is not ours to decide
        edits.append(Edit(keyword.start_byte, keyword.end_byte, "let"))
    return Fix(f"Set `{name}` to null at the end of the function", tuple(edits), Applicability.UNSAFE)
