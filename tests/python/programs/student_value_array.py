# The docs' shared-memory example (Value and Array), and a few more typecodes
from multiprocessing import Process, Value, Array
import ctypes

def f(n, a):
    n.value = 3.1415927
    for i in range(len(a)):
        a[i] = -a[i]

def fill(arr, ch, flag):
    for i in range(len(arr)):
        arr[i] = i * i
    ch.value = b'Z'
    flag.value = True

if __name__ == '__main__':
    num = Value('d', 0.0)
    arr = Array('i', range(10))

    p = Process(target=f, args=(num, arr))
    p.start()
    p.join()

    print(num.value)
    print(arr[:])

    squares = Array(ctypes.c_long, 8, lock=False)
    ch = Value('c', b'a')
    flag = Value(ctypes.c_int, False)
    p = Process(target=fill, args=(squares, ch, flag))
    p.start()
    p.join()
    print(list(squares), ch.value, flag.value)
    print(len(arr), arr[2:5], sum(arr))
    with num.get_lock():
        num.value += 1
    print(round(num.value, 4))
