# SPDX-License-Identifier: MIT
"""multiprocessing.synchronize on the engine's process-shared locks."""

from threading import BrokenBarrierError  # noqa: F401  (multiprocessing.synchronize re-exports it too)

from _mpstage import Barrier, BoundedSemaphore, Condition, Event, Lock, RLock, Semaphore, SemLock

__all__ = ['Lock', 'RLock', 'Semaphore', 'BoundedSemaphore', 'Condition', 'Event', 'Barrier', 'SemLock']
