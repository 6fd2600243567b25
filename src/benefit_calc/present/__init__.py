"""Results for people: chart specifications (``charts``) and the PDF report (``report``), in the words of the
catalogue."""
