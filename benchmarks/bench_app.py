"""Benchmark for issue 6: server-side time of one app rerun after the hours slider moves (standard example case).

    uv run python benchmarks/bench_app.py

Drives ``streamlit_app.py`` with Streamlit's AppTest (no browser) and reads the time the script itself measured
from its first line to its last (``st.session_state["_run_ms"]``), so AppTest's own polling is not counted.
Target: median under 200 ms. Prints numbers; asserts nothing.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

sys.path.insert(0, str(Path(__file__).parent))
from bench_simulate import calibration  # noqa: E402

APP = Path(__file__).resolve().parent.parent / "streamlit_app.py"

if __name__ == "__main__":
    print(f"calibration (3M-step Python loop): {calibration() * 1000:.0f} ms")
    at = AppTest.from_file(str(APP), default_timeout=120)
    at.run()
    print(f"first run (loads the rules): {at.session_state['_run_ms']:.0f} ms")
    times = []
    for i in range(20):
        at.slider(key="f_w0_hours").set_value(float(6 + i % 15)).run()
        times.append(at.session_state["_run_ms"])
    print(f"rerun after the hours slider moves: median {statistics.median(times):.0f} ms, "
          f"fastest {min(times):.0f} ms, slowest {max(times):.0f} ms (target < 200 ms)")
