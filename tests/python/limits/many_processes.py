# Starts processes one after another until mpstage's limit for an observed run stops it.
import multiprocessing as mp

def nothing():
    pass

if __name__ == '__main__':
    for i in range(1, 400):
        p = mp.Process(target=nothing)
        try:
            p.start()
        except mp.ProcessError as e:
            print('start() number', i, 'raised ProcessError:', e)
            raise
        p.join()
