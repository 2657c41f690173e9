"""Synthetic clips: the labelled keypoint generator and the scoring of analyses against it.

The generator is a test bench and a demo, not part of the analysis: nothing else in the domain
imports it (import-linter holds the analysis blind to it).

Imports: the shared kernel, the body tables and the motion analysis's file and result types.
"""
