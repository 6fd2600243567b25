"""The (placeholder) Streamlit app runs each bundled example without an exception and shows the month table."""

from __future__ import annotations

from pathlib import Path

from streamlit.testing.v1 import AppTest

APP = str(Path(__file__).parent.parent / "streamlit_app.py")


def test_app_shows_each_example() -> None:
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    options = at.selectbox[0].options
    assert len(options) >= 3
    for name in options:
        at.selectbox[0].select(name).run()
        assert not at.exception
        assert len(at.dataframe) == 1
        assert at.title[0].value.startswith("Hva skjer med pengene")
