"""The pseudonymisation of commit 1e5c8d1 (before the lexicon and the single-scan passes), kept
unchanged so the focus-group benchmark can time before and after side by side in one run.
Not used by the package."""
