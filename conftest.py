"""Every test run (tests/, doctests in kit/, nbval on workshops/) runs outside any learner workspace.

Even when pytest is started from a terminal inside `kit lab`, nothing it runs (nbval kernels
included) may log into the learner's workspace or read the workspace's scenario.
"""

import os

os.environ["KIT_WORKSPACE"] = ""
