# SPDX-License-Identifier: MIT
"""multiprocessing.connection on the engine: Pipe(), Connection and wait(); Listener and Client (sockets with
authentication) are not provided."""

import selectors
import time

from _mpstage import Connection
from _mpstage import Pipe as _Pipe
from mpstage._errors import not_supported


def Pipe(duplex=True):
    """Returns a pair (conn1, conn2) of Connection objects; with duplex=False conn1 only receives and conn2
    only sends."""
    return _Pipe(duplex)


def wait(object_list, timeout=None):
    """Waits until one or more of the Connections, sentinels or sockets in object_list is ready; returns those
    that are (an empty list on timeout)."""
    with selectors.DefaultSelector() as selector:
        for obj in object_list:
            selector.register(obj, selectors.EVENT_READ)
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            ready = selector.select(timeout)
            if ready:
                return [key.fileobj for (key, events) in ready]
            if deadline is not None:
                timeout = deadline - time.monotonic()
                if timeout < 0:
                    return []


def Listener(*args, **kwargs):
    not_supported("multiprocessing.connection.Listener", "sockets between unrelated processes are not drawn")


def Client(*args, **kwargs):
    not_supported("multiprocessing.connection.Client", "sockets between unrelated processes are not drawn")


__all__ = ['Client', 'Connection', 'Listener', 'Pipe', 'wait']
