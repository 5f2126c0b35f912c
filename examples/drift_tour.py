"""A tour of peer-drift indicators and boundary checks on a year of a small team's activity.

Run from anywhere::

    python examples/drift_tour.py                 # prints the team's profiles
    python examples/drift_tour.py --plot out.png  # and draws the drifting supporter's timeline

It reads ``drift_team.yaml`` next to this file: four supporters, one of them (ps-103)
drifting from the spring. Nothing here prints a note's text: profiles hold counts only.
"""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

import yaml

from peersupport.checks.boundaries import check_boundaries
from peersupport.checks.drift import DriftLevel, drift_profiles

HERE = Path(__file__).resolve().parent


def _fmt(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def main() -> None:
    """Profile the team, show the drifting supporter's trends, and check one agreement."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--plot", type=Path, help="write ps-103's drift timeline to this PNG")
    args = parser.parse_args()

    team = yaml.safe_load((HERE / "drift_team.yaml").read_text(encoding="utf-8"))
    as_of = date.fromisoformat(str(team["as_of"]))

    # One profile at a time: drift_profiles streams, so a large team never sits in memory.
    print(f"drift profiles as of {as_of.isoformat()}:")
    drifting = None
    for profile in drift_profiles(team["supporters"], as_of=as_of):
        flagged = [i for i in profile.indicators if i.level is not DriftLevel.OK]
        names = ", ".join(f"{i.name}={i.level.value}" for i in flagged) or "all ok"
        print(f"  {profile.supporter}: {profile.level.value} ({profile.events} events) {names}")
        if profile.supporter == "ps-103":
            drifting = profile
    if drifting is None:
        raise SystemExit("ps-103 is missing from drift_team.yaml")

    print()
    print("ps-103 quarter over quarter (oldest first):")
    for i in drifting.indicators:
        trend = " -> ".join(_fmt(v) for v in i.trend)
        print(
            f"  {i.rule_id} {i.name}: {trend} {i.unit} "
            f"[watch {_fmt(i.watch)}, act {_fmt(i.act)}] {i.level.value}, {i.direction.value}"
        )

    print()
    print("ps-103 findings to act on:")
    for f in drifting.findings:
        if f.outcome.value == "not_met":
            cited = "; ".join(str(c) for c in f.citations)
            print(f"  {f.rule_id} ({f.severity.value}): {f.remediation} [{cited}]")

    # A boundary agreement between ps-103 and one peer, and three contacts.
    agreement = {
        "id": "ag-103-7",
        "supporter": "ps-103",
        "peer": "peer-7",
        "agreed_on": "2026-02-02",
        "review_on": "2027-02-02",
        "timezone": "Europe/London",
        "channels": ["in_person", "phone"],
        "windows": [{"days": ["tuesday", "wednesday"], "start": "10:00", "end": "16:00"}],
        "max_contacts_per_week": 2,
        "self_disclosure": "limited",
        "gift_limit": 10,
        "supporter_weekly_hours": 12,
        "change_requests": [{"requested_on": "2026-11-02"}],
    }
    contacts = [
        {"at": "2026-11-24T10:30:00+00:00", "minutes": 50, "channel": "in_person"},
        {"at": "2026-11-25T21:40:00+00:00", "minutes": 25, "channel": "text_message"},
        {"at": "2026-11-26T12:00:00+00:00", "minutes": 40, "channel": "phone", "gift_value": 40},
    ]
    report = check_boundaries(agreement, contacts, as_of=as_of)
    print()
    print(f"boundaries of ag-103-7: passed={report.passed}")
    for f in report.findings:
        if f.outcome.value in {"not_met", "needs_review"}:
            print(f"  {f.rule_id} {f.outcome.value} ({f.severity.value}): {f.message}")
            print(f"    respond: {f.remediation}")

    if args.plot is not None:
        from peersupport.plot._drift import drift_timeline  # noqa: PLC0415 - needs matplotlib

        path = drift_timeline(drifting, args.plot)
        print()
        print(f"timeline written to {path.name}")


if __name__ == "__main__":
    main()
