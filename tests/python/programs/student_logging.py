# A student turns on multiprocessing's logger to see which process says what: log_to_stderr() and
# get_logger() give the 'multiprocessing' logger, with CPython's '[LEVEL/ProcessName] message' format, in the
# parent and in each child. (At WARNING, multiprocessing's own INFO/DEBUG lines stay silent in CPython too.)
import logging
import multiprocessing as mp
import multiprocessing.util as util


def work(n):
    log = mp.get_logger()
    log.warning('working on %d', n)
    return n


if __name__ == '__main__':
    logger = mp.log_to_stderr()
    logger.setLevel(logging.WARNING)
    print('same logger:', logger is util.get_logger(), logger.name, logger.propagate)
    logger.warning('starting')
    for i in range(2):
        p = mp.Process(target=work, args=(i,), name='Worker-%d' % i)
        p.start()
        p.join()
    logger.error('done, %s', 'all joined')
    print('levels', util.SUBDEBUG, util.DEBUG, util.INFO, util.SUBWARNING, util.DEFAULT_LOGGING_FORMAT)
