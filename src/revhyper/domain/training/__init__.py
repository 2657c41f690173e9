"""The training log and what it says: set and session records, analytics, the guided-session flow.

``log`` holds the records and their validation rules (one session per athlete and day, plan
places by date), ``set_fields`` the one parser of a set written as named fields, ``analytics`` the
volume, e1RM, personal records, pain trend and adherence figures, ``session_flow`` the steps and
entry parsing of a guided session (without any terminal or web I/O).

Imports: the shared kernel and the load maths. Never programming, the motion analysis, the body
mechanics or the generators.
"""
