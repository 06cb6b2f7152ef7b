"""Russian: morphology, names, clauses, tense, date rules and the event vocabulary."""
