"""What the engine's results mean for a decision: the hours sweep and effective rates (``sweep``), cliffs and
plateaus (``cliffs``), scenarios side by side and a month explained (``compare``), and whether the rules cover every
supported month (``coverage``)."""
