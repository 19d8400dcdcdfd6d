"""Cheaper pickling for the slotted, frozen dataclasses that workers send back to the parent.

For a dataclass with ``slots=True, frozen=True`` Python 3.10-3.12 pickles the
state through ``dataclasses._dataclass_getstate``/``_dataclass_setstate``,
which call ``dataclasses.fields()`` for every object.  A ``--jobs 2`` run sends
every file's project summary (tens of thousands of spans, calls and edges)
from the workers to the parent, and that per-object Python work was most of
the cost of the transfer, paid serially in the parent on the way in.
``compact_pickling`` gives such a class a state that is the tuple of its
field values, read by one ``attrgetter`` and written through the slots'
descriptors (which a frozen class's ``__setattr__`` would refuse).  The
unpickled object is equal to the original; nothing else changes.
"""

from __future__ import annotations

import dataclasses
import operator


def compact_pickling(*classes: type) -> None:
    """Give each slotted dataclass a tuple state for pickle (see the module docstring)."""
    for cls in classes:
        names = tuple(f.name for f in dataclasses.fields(cls))
        if not names or "__slots__" not in cls.__dict__:
            raise TypeError(f"{cls.__name__} is not a slotted dataclass with fields")
        cls.__getstate__, cls.__setstate__ = _state_functions(cls, names)


def _state_functions(cls: type, names: tuple[str, ...]):
    getter = operator.attrgetter(*names)
    setters = tuple(cls.__dict__[name].__set__ for name in names)  # the slots' member descriptors
    if len(names) == 1:

        def getstate(self):
            return (getter(self),)

    else:

        def getstate(self):
            return getter(self)

    def setstate(self, state):
        if len(state) != len(setters):
            raise ValueError(f"{cls.__name__}: {len(state)} values in a pickled state, expected {len(setters)}")
        for put, value in zip(setters, state):
            put(self, value)

    return getstate, setstate
