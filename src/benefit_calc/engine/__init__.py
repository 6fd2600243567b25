"""The engine: the registry of schemes (``registry``) and ``simulate`` (``simulate``), which runs them in order,
withholds tax and adds up the months."""
