"""``kit room``: a live seminar on JupyterHub, every learner in a browser with their own workspace.

* :mod:`kit.room.state`: the room's folder, its code and who has joined;
* :mod:`kit.room.auth`: joining with the room code, a name and a PIN;
* :mod:`kit.room.env`: what the room prepares (a Python learners may run, the party model);
* :mod:`kit.room.hubconfig`: JupyterHub's configuration, in one place;
* :mod:`kit.room.singleuser`: a learner's server (their workspace synced, then JupyterLab);
* :mod:`kit.room.kernels` and :mod:`kit.room.preload`: its kernels (Unix sockets; libraries loaded at start);
* :mod:`kit.room.probe`: a simulated learner, for the tests and ``benchmarks/bench_room.py``;
* :mod:`kit.room.progress` and :mod:`kit.room.view`: the instructor's page;
* :mod:`kit.room.run`: start and stop.

Nothing here is imported by the notebooks; JupyterHub is imported only where a room runs.
"""

from .state import RoomError

__all__ = ["RoomError"]
