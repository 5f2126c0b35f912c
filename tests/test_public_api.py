from __future__ import annotations

import subprocess
import sys

import peersupport as ps

CONTRACT = {
    "check_eligibility",
    "check_training",
    "Outcome",
    "Severity",
    "Citation",
    "Rule",
    "RuleSet",
    "Finding",
    "Report",
    "Waiver",
    "Policy",
    "PeerSupportError",
    "InvalidInput",
    "rules",
    "check_program",
    "assess_task",
    "decide_confidentiality",
    "check_language",
    "check_boundaries",
    "drift_profile",
    "instruments",
    "assess",
    "audit",
}


def test_the_contract_names_are_exported() -> None:
    assert set(ps.__all__) >= CONTRACT
    for name in ps.__all__:
        assert hasattr(ps, name), name
    assert sorted(dir(ps)) == sorted(ps.__all__)


def test_enum_values_are_the_contract_strings() -> None:
    assert [o.value for o in ps.Outcome] == [
        "met",
        "not_met",
        "needs_review",
        "not_applicable",
        "waived",
    ]
    assert [s.value for s in ps.Severity] == ["critical", "required", "recommended", "advisory"]
    assert ps.Outcome("met") is ps.Outcome.MET


def test_exported_classes_show_the_public_path() -> None:
    assert ps.Finding.__module__ == "peersupport"
    assert ps.Report.__module__ == "peersupport"
    assert ps.Supporter.__module__ == "peersupport"


def test_errors_form_one_hierarchy() -> None:
    assert issubclass(ps.InvalidInput, ps.PeerSupportError)
    assert issubclass(ps.InvalidInput, ValueError)
    assert issubclass(ps.MissingExtra, ps.PeerSupportError)
    assert issubclass(ps.MissingExtra, ImportError)


def test_import_needs_no_optional_extra() -> None:
    code = (
        "import sys, peersupport\n"
        "bad = {'pandas', 'matplotlib', 'click', 'rich'} & set(sys.modules)\n"
        "print(sorted(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


def test_the_package_is_typed() -> None:
    from importlib import resources  # noqa: PLC0415

    assert resources.files("peersupport").joinpath("py.typed").is_file()


def test_import_is_light_and_names_load_on_first_use() -> None:
    code = (
        "import sys, peersupport\n"
        "heavy = {'peersupport.checks', 'peersupport.assessment', 'peersupport.checks.language'}\n"
        "print(sorted(heavy & set(sys.modules)))\n"
        "peersupport.check_eligibility\n"
        "print('peersupport.checks.eligibility' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.split()
    assert out == ["[]", "True"]


def test_errors_show_the_public_path() -> None:
    assert ps.InvalidInput.__module__ == "peersupport"
    assert ps.PeerSupportError.__module__ == "peersupport"
