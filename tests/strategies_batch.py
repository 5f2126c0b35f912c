"""Builders and hypothesis strategies for the batch forms and the DataFrame API."""

from __future__ import annotations

import json
from typing import Any

from hypothesis import strategies as st

from strategies_programme import programme

from factories import supporter
from strategies import json_values, supporter_dicts

__all__ = ["as_cells", "network", "network_supporters", "rows_with_junk"]


def network(size: int) -> list[dict[str, Any]]:
    """``size`` programmes with a spread of outcomes: passing, failing and invalid ones."""
    out = []
    for i in range(size):
        p = programme(id=f"prog-{i:03d}")
        people = p["supporters"]
        if i % 5 == 0:
            people[0]["recovery"] = {"on_path": False}
        if i % 11 == 0:
            p.pop("evaluation")
        if i % 17 == 0:
            people[1]["trainings"] = [{"module": "crisis_management", "completed_on": "never"}]
        if i % 13 == 0:
            p["launched_on"] = "not a date"
        out.append(p)
    return out


def network_supporters(size: int) -> list[dict[str, Any]]:
    """Every supporter of a :func:`network`, with a column naming the programme."""
    return [{**person, "programme": p["id"]} for p in network(size) for person in p["supporters"]]


def as_cells(record: dict[str, Any]) -> dict[str, Any]:
    """A record as a CSV or Parquet export holds it: nested fields as JSON strings."""
    return {k: json.dumps(v) if isinstance(v, list | dict) else v for k, v in record.items()}


def rows_with_junk() -> st.SearchStrategy[list[Any]]:
    """Lists of supporters, some valid, some arbitrary JSON that may not validate."""
    good = supporter_dicts()
    broken = st.builds(
        lambda extra: supporter(
            trainings=[{"module": "basic_peer_support", "completed_on": extra}]
        ),
        json_values(4),
    )
    return st.lists(st.one_of(good, broken, json_values(4)), max_size=6)
