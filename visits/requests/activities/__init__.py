"""Activities of contact politicians (seed 002): at least two a year within each unit's area.
Held visits count, and so do other activities at or with the unit (an event, a parents'
evening, a meeting with the manager) that the politician or the unit's manager records here."""
