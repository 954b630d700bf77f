# SPDX-License-Identifier: MIT
"""Managers (a server process handing out proxies) are not provided: the stage draws the engine's own
primitives, and a manager's objects live in a process of their own behind a socket."""

from mpstage._errors import not_supported


def Manager(*args, **kwargs):
    not_supported("multiprocessing.Manager()",
                  "its objects live in a server process behind proxies, which the stage does not draw; "
                  "use Queue, Pipe, Value or Array")


class BaseManager:
    def __init__(self, *args, **kwargs):
        not_supported("multiprocessing.managers.BaseManager", "managers are not provided")


SyncManager = BaseManager
