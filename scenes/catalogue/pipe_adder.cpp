// SPDX-License-Identifier: MIT
// Seed 003: "Pipes can be used for bidirectional communication ... a request/response model typically
// associated with client/server computing or remote procedure call." An adder server on a duplex Pipe.

#include "scene_support.h"
#include "scenes.h"

#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "pipe-adder";

constexpr const char* LISTING = R"(import multiprocessing


# A server process
def adder(pipe):
    server_p, client_p = pipe
[+close]     client_p.close()  @close_client
[-close]     # (forgot: client_p.close())
    while True:
        try:
            x, y = server_p.recv()  @recv
        except EOFError:
            break  @eof
        result = x + y
        server_p.send(result)  @send
    # Shutdown
    print("Server done")  @done


(server_p, client_p) = multiprocessing.Pipe()  @pipe

# Launch the server process
adder_p = multiprocessing.Process(target=adder, args=((server_p, client_p),))
adder_p.start()  @start

# Close the server pipe in the client
server_p.close()  @close_server

# Make some requests on the server
client_p.send((3, 4))  @request1
print(client_p.recv())  @reply1

client_p.send(('Hello', 'World'))  @request2
print(client_p.recv())  @reply2

# Done. Close the pipe
client_p.close()  @close

# Wait for the consumer process to shutdown
adder_p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "close", p.boolean("close_unused") } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo pipeAdderInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "An adder server on a duplex Pipe";
    s.summary = "A Pipe is two-way by default, so a process can serve requests on it: the client sends (3, 4) and "
                "receives 7, sends ('Hello', 'World') and receives 'HelloWorld'. The server stops when recv() raises "
                "EOFError, which needs every copy of the client's end closed, its own copy too.";
    s.difficulty = 1;
    s.tags = { "pipe", "seed" };
    s.params = {
        { "close_unused", "Server closes the client's end", "the server closes its copy of client_p first",
            ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch each request cross the pipe to the server and each answer come back on the same pipe, the other way.",
        "What does the client print for (3, 4)? For ('Hello', 'World')? And how does the server know there are no "
        "more requests?",
        "The server does not know what it adds: 3 + 4 is 7 and 'Hello' + 'World' is 'HelloWorld', because x + y "
        "means whatever it means for the objects that arrived. It stops when recv() raises EOFError, once the client "
        "has closed its end. But after fork the server holds a copy of the client's end too: unless it closes it "
        "first, the pipe never looks closed, and the server waits in recv() for ever.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("close_unused"))
            return Outcome { OutcomeKind::Completes,
                "completes: the client prints 7 and HelloWorld, the server prints "
                "'Server done'" };
        return Outcome { OutcomeKind::Hangs,
            "hangs: after the two answers, the server waits in recv() because its own copy of client_p is still "
            "open" };
    };
    s.variants = { { "the server forgets to close the client's end", { { "close_unused", "false" } } } };
    // Python always prints 7, HelloWorld, then Server done. The stage orders the two processes' lines by when
    // each process's output was collected, not when it was written, so under load 'Server done' can come first.
    s.parity = Parity::SameOutcome;
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

// Python's x + y for the two kinds of request the client sends: numbers add, strings concatenate.
mp::Object add(const mp::Object& x, const mp::Object& y)
{
    if (x.is_str() && y.is_str())
        return x.as_str() + y.as_str();
    if (x.is_int() && y.is_int())
        return x.as_int() + y.as_int();
    if ((x.is_int() || x.is_float()) && (y.is_int() || y.is_float()))
        return x.as_float() + y.as_float();
    throw mp::TypeError(
        std::string("unsupported operand type(s) for +: '") + x.type_name() + "' and '" + y.type_name() + "'");
}

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    at(l, "pipe");
    auto [server_p, client_p] = mp::Pipe();
    mp::telemetry::label(server_p.telemetry_id(), "the pipe");
    mp::Process adder_p([&] {
        if (p.boolean("close_unused")) {
            at(l, "close_client");
            client_p.close();
        }
        for (;;) {
            mp::tuple request;
            try {
                at(l, "recv");
                request = server_p.recv().as_tuple();
            } catch (const mp::EOFError&) {
                at(l, "eof");
                break;
            }
            at(l, "send");
            server_p.send(add(request.at(0), request.at(1)));
        }
        at(l, "done");
        print("Server done");
    });
    at(l, "start");
    adder_p.start();
    at(l, "close_server");
    server_p.close();
    at(l, "request1");
    client_p.send(mp::tuple { 3, 4 });
    at(l, "reply1");
    print(client_p.recv());
    at(l, "request2");
    client_p.send(mp::tuple { "Hello", "World" });
    at(l, "reply2");
    print(client_p.recv());
    at(l, "close");
    client_p.close();
    at(l, "join");
    adder_p.join();
}

} // namespace

SceneBody pipeAdderBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (p.boolean("close_unused"))
            return expectPrintedBy(r, { { "MainProcess", "7\nHelloWorld\n" }, { "Process-1", "Server done\n" } });
        return expectHang(r, { "recv()", "Process-1 itself" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
