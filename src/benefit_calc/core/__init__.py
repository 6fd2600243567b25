"""The base every layer uses: errors, money rounding, reading untrusted text, and calendar facts. Imports nothing
else of the package except the word catalogue (for messages)."""
