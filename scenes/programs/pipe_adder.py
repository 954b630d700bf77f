"""mpstage scene
title: An adder server on a duplex Pipe
summary: A Pipe is two-way by default, so a process can serve requests on it: the client sends (3, 4) and receives 7, sends ('Hello', 'World') and receives 'HelloWorld'. The server stops when recv() raises EOFError, which needs every copy of the client's end closed, its own copy too.
tags: pipe, seed
difficulty: 1
look: Watch each request cross the pipe to the server and each answer come back on the same pipe, the other way.
predict: What does the client print for (3, 4)? For ('Hello', 'World')? And how does the server know there are no more requests?
why: The server does not know what it adds: 3 + 4 is 7 and 'Hello' + 'World' is 'HelloWorld', because x + y means whatever it means for the objects that arrived. It stops when recv() raises EOFError, once the client has closed its end. But after fork the server holds a copy of the client's end too: unless it closes it first, the pipe never looks closed, and the server waits in recv() for ever.
param close_unused (Server closes the client's end): bool = true -- the server closes its copy of client_p first
variant: the server forgets to close the client's end | close_unused=false
expect when close_unused=false: hangs -- after the two answers, the server waits in recv() because its own copy of client_p is still open
expect: completes -- the client prints 7 and HelloWorld, the server prints 'Server done'
hang says: "recv()", "Process-1 itself"
prints by MainProcess:
    7
    HelloWorld
prints by Process-1: Server done
"""
# Python always prints 7, HelloWorld, then Server done. The stage orders the two processes' lines by when each
# process's output was collected, not when it was written, so under load 'Server done' can come first: the
# check reads each process's own lines.
import multiprocessing


# A server process
def adder(pipe):
    server_p, client_p = pipe
    if close_unused:
        client_p.close()
    while True:
        try:
            x, y = server_p.recv()
        except EOFError:
            break
        result = x + y
        server_p.send(result)
    # Shutdown
    print("Server done")


(server_p, client_p) = multiprocessing.Pipe()
# Launch the server process
adder_p = multiprocessing.Process(target=adder, args=((server_p, client_p),))
adder_p.start()
# Close the server pipe in the client
server_p.close()
# Make some requests on the server
client_p.send((3, 4))
print(client_p.recv())
client_p.send(('Hello', 'World'))
print(client_p.recv())
# Done. Close the pipe
client_p.close()
# Wait for the consumer process to shutdown
adder_p.join()
