"""What revhyper knows about the exercise: the variation catalogue and the goal protocols.

Everything here is data and rules written from the seed text (``shared/seed``) in the project's own
words: muscles, phases, cues, faults a coach looks for, the four goal protocols, the beginner path,
equipment alternatives and safety advice.

Imports: only the shared kernel (``revhyper.domain.errors``, ``vocabulary``, ``tempo``). The
knowledge imports nothing of programming, the log, the mechanics, the motion analysis or the clip
generators (import-linter holds it to that).
"""
