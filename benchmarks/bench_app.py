"""Benchmark for issues 6, 11 and 18: server-side time of one app rerun after the hours change (standard example case).

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
    print(f"first run (loads the rules; a blank case): {at.session_state['_run_ms']:.0f} ms")
    at.selectbox(key="example").select("aap-barn-opptrapping.yaml").run()
    at.button(key="load_example").click().run()
    times = []
    for i in range(20):  # the hours typed the Norwegian way (the slider is synced to the same value)
        at.text_input(key="f_w0_hours__num").set_value(f"{6 + i % 15},25").run()
        times.append(at.session_state["_run_ms"])
    print(f"rerun after the hours change: median {statistics.median(times):.0f} ms, "
          f"fastest {min(times):.0f} ms, slowest {max(times):.0f} ms (target < 200 ms)")
