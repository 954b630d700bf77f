# A program that never ends: the run stops at --timeout and says so.
import multiprocessing as mp
import time

if __name__ == '__main__':
    p = mp.Process(target=time.sleep, args=(3600,))
    p.start()
    p.join()
