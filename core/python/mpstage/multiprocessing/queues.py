# SPDX-License-Identifier: MIT
"""multiprocessing.queues on the engine: a Queue is a local buffer, a feeder thread, a pipe, two locks and a
semaphore, as in CPython; the feeder pickles each object under the GIL when it writes it."""

from _mpstage import JoinableQueue, Queue, SimpleQueue

__all__ = ['Queue', 'SimpleQueue', 'JoinableQueue']
