"""The body and the machine: segment tables and the mechanics of a load at the hip.

``anthropometry`` holds the population segment tables (de Leva 1996, Drillis-Contini/Winter),
``mechanics`` the static and dynamic hip moments of the machine, bench and band set-ups and the
equivalent plate load.

Imports: the shared kernel and the motion analysis's result types (to read a measured tempo).
Never programming, the log or the clip generators.
"""
