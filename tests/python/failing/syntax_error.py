# A syntax error: CPython's message, exit code 1, nothing started.
import multiprocessing as mp
print('never printed'
