# Ping-pong over a Pipe, a one-way Pipe(duplex=False), poll() with timeouts, EOFError when the other end closes
from multiprocessing import Process, Pipe

def player(conn, rounds):
    for _ in range(rounds):
        msg = conn.recv()
        conn.send(msg.replace('ping', 'pong'))
    conn.close()

def sender(w, n):
    for i in range(n):
        w.send({'i': i, 'sq': i * i})
    w.send_bytes(b'raw bytes')
    w.close()

if __name__ == '__main__':
    a, b = Pipe()
    p = Process(target=player, args=(b, 5))
    p.start()
    b.close()
    for i in range(5):
        a.send('ping %d' % i)
        print(a.recv())
    p.join()
    print('poll after the child closed:', a.poll(1))
    try:
        a.recv()
    except EOFError:
        print('EOFError: the other end is closed')

    r, w = Pipe(duplex=False)
    p = Process(target=sender, args=(w, 3))
    p.start()
    w.close()
    for _ in range(3):
        print(r.recv())
    print(r.recv_bytes())
    p.join()
    try:
        r.recv()
    except EOFError:
        print('EOFError again')
    print(r.poll(0.01) if not r.closed else 'closed', p.exitcode)
    r.close()
    print('closed', r.closed)
