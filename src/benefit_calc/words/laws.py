"""Placeholder until the engine-words branch lands (it brings the real table)."""


def reference_in(reference: str, lang: str) -> str:
    return reference
