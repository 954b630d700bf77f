import multiprocessing as mp

def reader(conn):
    while True:
        try:
            conn.recv()
        except EOFError:
            break

if __name__ == '__main__':
    output_p, input_p = mp.Pipe()
    p = mp.Process(target=reader, args=(output_p,))
    p.start()
    input_p.send(1)
    input_p.close()
    p.join()
