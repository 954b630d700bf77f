# SPDX-License-Identifier: MIT
"""multiprocessing.connection on the engine: Pipe(), Connection and wait(); Listener and Client (sockets with
authentication) are not provided."""

import io
import selectors
import time

from _mpstage import Connection
from _mpstage import Pipe as _Pipe
from mpstage._errors import AuthenticationError, BufferTooShort, not_supported


def Pipe(duplex=True):
    """Returns a pair (conn1, conn2) of Connection objects; with duplex=False conn1 only receives and conn2
    only sends."""
    return _Pipe(duplex)


class _ConnectionBase:
    """Holds the Connection methods written in Python (CPython's class of that name: the methods' errors name
    it)."""

    def recv_bytes_into(self, buf, offset=0):
        """Receive bytes data into a writeable bytes-like object.
        Return the number of bytes read."""
        # CPython's own steps (_ConnectionBase.recv_bytes_into): the offset counts bytes, the buffer's size is its
        # item size times its length, and the message goes into the items from offset // itemsize to
        # (offset + size) // itemsize.
        if self.closed:
            raise OSError("handle is closed")
        if not self.readable:
            raise OSError("connection is write-only")
        with memoryview(buf) as m:
            itemsize = m.itemsize
            bytesize = itemsize * len(m)
            if offset < 0:
                raise ValueError("negative offset")
            elif offset > bytesize:
                raise ValueError("offset too large")
            result = self.recv_bytes()
            size = len(result)
            if bytesize < offset + size:
                raise BufferTooShort(result)
            io.BytesIO(result).readinto(m[offset // itemsize:(offset + size) // itemsize])
            return size


    def __reduce__(self):
        # CPython's ForkingPickler sends a Connection's descriptor through its resource-sharer thread and a Unix
        # socket (reduction.DupFd, resource_sharer); mpstage has neither, so it says so instead of a TypeError
        # CPython never raises.
        not_supported("sending or pickling a Connection (%s)" % ("duplex" if self.readable and self.writable
                                                              else "read end" if self.readable else "write end"),
                      "CPython passes the descriptor through a resource-sharer thread and a Unix socket, which "
                      "mpstage does not draw; give the end to the Process as an argument instead", depth=2)


Connection.recv_bytes_into = _ConnectionBase.recv_bytes_into
Connection.__reduce__ = _ConnectionBase.__reduce__


def _send_bytes_arguments(n, offset, size):
    """CPython's checks of send_bytes' offset and size (the engine's binding calls this for arguments that are
    not ints): the same comparisons, then the slice, so the same errors."""
    if offset < 0:
        raise ValueError("offset is negative")
    if n < offset:
        raise ValueError("buffer length < offset")
    if size is None:
        size = n - offset
    elif size < 0:
        raise ValueError("size is negative")
    elif offset + size > n:
        raise ValueError("buffer length < offset + size")
    memoryview(b'')[offset:offset + size]


# CPython's wait() on Unix: a poll() selector, so the ready objects come back in the order they were given.
if hasattr(selectors, 'PollSelector'):
    _WaitSelector = selectors.PollSelector
else:
    _WaitSelector = selectors.SelectSelector


def wait(object_list, timeout=None):
    """Waits until one or more of the Connections, sentinels or sockets in object_list is ready; returns those
    that are (an empty list on timeout)."""
    with _WaitSelector() as selector:
        for obj in object_list:
            selector.register(obj, selectors.EVENT_READ)
        if timeout is not None:
            deadline = time.monotonic() + timeout
        while True:
            ready = selector.select(timeout)
            if ready:
                return [key.fileobj for (key, events) in ready]
            else:
                if timeout is not None:
                    timeout = deadline - time.monotonic()
                    if timeout < 0:
                        return ready


def Listener(*args, **kwargs):
    not_supported("multiprocessing.connection.Listener", "sockets between unrelated processes are not drawn")


def Client(*args, **kwargs):
    not_supported("multiprocessing.connection.Client", "sockets between unrelated processes are not drawn")


__all__ = ['Client', 'Connection', 'Listener', 'Pipe', 'wait']
