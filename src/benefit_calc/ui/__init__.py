"""The Streamlit pages of the counselling app (``streamlit_app.py`` is the entry point).

``common`` holds the session state and small widgets, ``form`` the case form (situation, work plan, scenarios,
settings a loaded file brings), ``pages`` the result, compare and report tabs, and ``guided`` the job seeker's
own flow: one plain question at a time, the answer first. Every word comes from the catalogue
(:mod:`benefit_calc.words`, keys ``app.*``); every number from the engine.
"""
