import multiprocessing as mp
import time

if __name__ == '__main__':
    q = mp.Queue()
    q.put('item')
    print('empty() right after put():', q.empty())
    time.sleep(0.3)
    print('empty() a moment later:', q.empty())
    print(q.get())
