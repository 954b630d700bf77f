import multiprocessing as mp

def add(v):
    v.value += 1

if __name__ == '__main__':
    v = mp.Value('i', 0)
    ps = [mp.Process(target=add, args=(v,)) for _ in range(2)]
    for p in ps:
        p.start()
    for p in ps:
        p.join()
    print('final value', v.value)
