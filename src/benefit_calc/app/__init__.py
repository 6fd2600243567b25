"""The counselling app (``streamlit_app.py`` is the entry point): the form ↔ case mapping (``mapping``) and the
headline, month table and action list (``model``) are pure; ``common``, ``form``, ``pages`` and ``guided`` draw the
Streamlit pages."""
