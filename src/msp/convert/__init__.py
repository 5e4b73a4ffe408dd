"""Records to and from dicts and JSON: strict and lenient, the fast route, and
the flat CSV layout (:mod:`msp.convert.flat`), and the JSON Schema of the
concern document (:mod:`msp.convert.schema`).

Layer: ``convert`` (imports :mod:`msp.model` and below). cattrs owns conversion;
the optional ``fast`` extra (msgspec) reads and writes the same records and the
same problems faster (:mod:`msp.convert._fast`).

.. versionadded:: 0.1.0
"""

from __future__ import annotations

from msp.convert._converter import (
    SCHEMA_VERSION,
    from_dict,
    from_json,
    make_converter,
    problems_from_exception,
    to_dict,
    to_json,
)
from msp.convert.migrate import OLDEST_SCHEMA_VERSION, migrate
from msp.convert.schema import schema

__all__ = [
    "OLDEST_SCHEMA_VERSION",
    "SCHEMA_VERSION",
    "from_dict",
    "from_json",
    "make_converter",
    "migrate",
    "problems_from_exception",
    "schema",
    "to_dict",
    "to_json",
]


def __dir__() -> list[str]:
    return __all__
