"""An independent clip model for checking the form analysis against clips it was not tuned on.

Written from the keypoint contract alone (``shared/contracts/keypoints.md``), without reading the
project's own generator: other body proportions (de Leva 1996), a perspective camera, other
noise (heavy-tailed jitter, drifting errors, label swaps, jumps, weak-score spells) and other
rep shapes (minimum-jerk, cosine and trapezoidal-velocity segments).

Modules: :mod:`.body` (anthropometry and joint positions), :mod:`.plan` (rep styles, thigh /
trunk / knee trajectories and the ground truth), :mod:`.render` (camera, noise, scores ->
``KeypointClip``), :mod:`.scoring` (matching analysed reps to the truth and the figures).
"""
