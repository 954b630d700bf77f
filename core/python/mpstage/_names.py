# SPDX-License-Identifier: MIT
"""The names a program gives what it creates, for the stage: `q = mp.Queue()` shows the queue as "q".

In an observed run the engine calls `names()` (through core/python/src/names.cpp) right after it has made an
object, in the thread that made it. The program's own frame that is running the creating call is found (the
innermost frame of `__main__`'s file), and the call it is running (its exact position, from the frame's last
instruction) is looked up among the program's assignments, read once per file with `ast`:

    q = mp.Queue()                        -> "q"
    self.jobs = mp.JoinableQueue()        -> "jobs"  (the attribute: `self.` is how one method reaches it, and
                                                       the stage shows the object, whoever holds it)
    parent_conn, child_conn = mp.Pipe()   -> the pipe "parent_conn ↔ child_conn", its ends "parent_conn" and
                                             "child_conn"  ("r ← w" for Pipe(duplex=False): data goes w to r)
    a, b = mp.Queue(), mp.Queue()         -> "a", "b"

The call must be the statement's whole value (or one element of a tuple assigned to a tuple) and must be the
factory of the kind just made, so what the factory makes on the side keeps its default label (a Value's own
lock, a Pool's queues: `pool = mp.Pool()` names no queue "pool"). Objects made anywhere else (in a list
comprehension, as an argument, in a helper module) keep the default too.
"""

import ast
import itertools
import linecache
import sys

# ObjectKind name (objectKindName) -> the names of the calls that make one
_FACTORIES = {
    'Queue': ('Queue',),
    'JoinableQueue': ('JoinableQueue',),
    'SimpleQueue': ('SimpleQueue',),
    'Pipe': ('Pipe', 'SimpleQueue'),  # a SimpleQueue is a one-way Pipe and two locks, as CPython's
    'Lock': ('Lock',),
    'RLock': ('RLock',),
    'Semaphore': ('Semaphore',),
    'BoundedSemaphore': ('BoundedSemaphore',),
    'Condition': ('Condition',),
    'Event': ('Event',),
    'Barrier': ('Barrier',),
    'Value': ('Value', 'RawValue'),
    'Array': ('Array', 'RawArray'),
}

_tables = {}  # path -> {(end_line, end_col) of a call: (its target's names, the called name)}
_positions = {}  # (code, lasti) -> (end_line, end_col) of the instruction


def _target_names(target):
    """A name, a tuple of names, or None for a target the stage could not call by one name."""
    if isinstance(target, ast.Name):
        return target.id
    if isinstance(target, ast.Attribute):
        return target.attr
    if isinstance(target, (ast.Tuple, ast.List)):
        names = tuple(_target_names(t) for t in target.elts)
        if all(isinstance(n, str) for n in names):
            return names
    return None


def _callee(call):
    if isinstance(call.func, ast.Name):
        return call.func.id
    if isinstance(call.func, ast.Attribute):
        return call.func.attr
    return None


def _pair(target, value, table):
    if isinstance(value, ast.Call):
        names = _target_names(target)
        callee = _callee(value)
        if names is not None and callee is not None:
            table[(value.end_lineno, value.end_col_offset)] = (names, callee)
    elif (isinstance(value, (ast.Tuple, ast.List)) and isinstance(target, (ast.Tuple, ast.List))
          and len(value.elts) == len(target.elts)):
        for t, v in zip(target.elts, value.elts):
            _pair(t, v, table)


def _table(path):
    table = _tables.get(path)
    if table is None:
        table = {}
        try:
            tree = ast.parse(''.join(linecache.getlines(path)), path)
        except (SyntaxError, ValueError):
            tree = None
        for node in ast.walk(tree) if tree is not None else ():
            if isinstance(node, ast.Assign):
                _pair(node.targets[0], node.value, table)
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                _pair(node.target, node.value, table)
        _tables[path] = table
    return table


def _call_end(frame):
    key = (frame.f_code, frame.f_lasti)
    end = _positions.get(key)
    if end is None:
        position = next(itertools.islice(frame.f_code.co_positions(), frame.f_lasti // 2, None), None)
        end = (position[1], position[3]) if position else (None, None)
        _positions[key] = end
    return end


def names(kind, duplex):
    """(label, end 0's name, end 1's name) for the object of `kind` just made, '' where there is none; or None."""
    factories = _FACTORIES.get(kind)
    program = getattr(sys.modules.get('__main__'), '__file__', None)
    if not factories or not program:
        return None
    frame = sys._getframe(1)
    while frame is not None and frame.f_code.co_filename != program:
        frame = frame.f_back
    if frame is None:
        return None
    found = _table(program).get(_call_end(frame))
    if found is None or found[1] not in factories:
        return None
    target = found[0]
    if isinstance(target, str):
        return (target, '', '')
    if kind == 'Pipe' and len(target) == 2:
        first, second = target
        return (first + (' ↔ ' if duplex else ' ← ') + second, first, second)
    return None
