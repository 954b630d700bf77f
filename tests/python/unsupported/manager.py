import multiprocessing as mp

if __name__ == '__main__':
    q = mp.Queue()
    with mp.Manager() as manager:
        d = manager.dict()
