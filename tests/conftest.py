"""Hypothesis profiles: ``ci`` by default; pick another with HYPOTHESIS_PROFILE=dev|thorough.

``--hypothesis-profile`` on the pytest command line overrides the choice made here.
"""

from __future__ import annotations

import os

from hypothesis import settings

# deadline=None: the first call of a check loads the bundled YAML data, and shared CI
# machines are noisy; timing is the benchmarks' job, not the tests'.
settings.register_profile("ci", max_examples=100, deadline=None, print_blob=True)
settings.register_profile("dev", max_examples=15, deadline=None)
settings.register_profile("thorough", max_examples=1000, deadline=None, print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
