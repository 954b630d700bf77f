// SPDX-License-Identifier: MIT
// Seed 003: "c.recv_bytes([maxlength]) ... If an incoming message exceeds this, an IOError is raised and no
// further reads can be made on the connection." CPython reads the length, finds it too long and raises
// OSError('bad message length') without reading the message, so the stream is out of step: a read-only end is
// closed, a duplex end becomes write-only (connection.py _bad_message_length).

#include "scene_support.h"
#include "scenes.h"

#include <mp/connection.h>
#include <mp/errors.h>
#include <mp/process.h>

#include <string>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "recv-bytes-maxlength";

constexpr const char* LISTING = R"(import multiprocessing


def receiver(conn):
    try:
        message = conn.recv_bytes(maxlength={maxlength})  @recv1
        print('got', len(message), 'bytes')  @got1
    except OSError as e:
        print('OSError:', e)  @error1
    try:
        print('next message:', conn.recv_bytes())  @recv2
    except OSError as e:
        print('the next recv_bytes() raised OSError:', e)  @error2


if __name__ == '__main__':
[-duplex]     reader, writer = multiprocessing.Pipe(duplex=False)  @pipe
[+duplex]     reader, writer = multiprocessing.Pipe()  @pipe
    writer.send_bytes(b'x' * {length})  @send1
    writer.send_bytes(b'hello')  @send2
    p = multiprocessing.Process(target=receiver, args=(reader,))
    p.start()  @start
    p.join()  @join
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(LISTING, { { "duplex", p.boolean("duplex") } },
        { { "maxlength", std::to_string(p.integer("maxlength")) }, { "length", std::to_string(p.integer("length")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo recvBytesMaxlengthInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "recv_bytes(maxlength): a message too long breaks the connection";
    s.summary = "recv_bytes(maxlength) refuses a message longer than maxlength with OSError('bad message length'). "
                "It has read the message's length but not the message, so whatever it read next would be the middle "
                "of that message: the connection cannot be read any more. A read-only end is closed (the next "
                "recv_bytes() says 'handle is closed'); a duplex end can still send but not receive ('connection "
                "is write-only'). The shorter message queued behind is lost with it.";
    s.difficulty = 2;
    s.tags = { "pipe", "pitfall", "seed" };
    s.params = {
        { "length", "Message length", "how many bytes the first message holds", ParamType::Int, "100", 1, 10000 },
        { "maxlength", "maxlength", "the most recv_bytes() will accept", ParamType::Int, "10", 1, 10000 },
        { "duplex", "Duplex pipe", "Pipe() instead of Pipe(duplex=False)", ParamType::Bool, "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the two messages waiting in the pipe, and what happens to the second one after the first is refused.",
        "The first message is 100 bytes and maxlength is 10. What does recv_bytes() do? And can the receiver still "
        "read the 'hello' behind it?",
        "Each message travels as a length and then the bytes. recv_bytes() reads the length, sees 100 > 10 and stops "
        "there, leaving the 100 bytes in the pipe. Reading on would take those bytes for the next length, so "
        "Python makes the end unreadable instead: it closes a read-only end, and makes a duplex end write-only. "
        "The 'hello' is still in the pipe, but nothing can read it any more.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.integer("length") <= p.integer("maxlength"))
            return Outcome { OutcomeKind::Completes, "completes: both messages are received" };
        return Outcome { OutcomeKind::Completes,
            "completes: recv_bytes() raises OSError('bad message length'), and the next one raises OSError too" };
    };
    s.variants = {
        { "maxlength big enough", { { "maxlength", "100" } } },
        { "a duplex pipe: the end becomes write-only", { { "duplex", "true" } } },
    };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const long maxlength = p.integer("maxlength");
    at(l, "pipe");
    auto [reader, writer] = mp::Pipe(p.boolean("duplex"));
    mp::telemetry::label(reader.telemetry_id(), "the pipe");
    at(l, "send1");
    writer.send_bytes(std::string(static_cast<std::size_t>(p.integer("length")), 'x'));
    at(l, "send2");
    writer.send_bytes(std::string("hello"));
    mp::Process receiver([&] {
        try {
            at(l, "recv1");
            const mp::Bytes message = reader.recv_bytes(maxlength);
            at(l, "got1");
            print("got", static_cast<long>(message.size()), "bytes");
        } catch (const mp::OSError& e) {
            at(l, "error1");
            print("OSError:", e.what());
        }
        try {
            at(l, "recv2");
            print("next message:", reader.recv_bytes());
        } catch (const mp::OSError& e) {
            at(l, "error2");
            print("the next recv_bytes() raised OSError:", e.what());
        }
    });
    at(l, "start");
    receiver.start();
    at(l, "join");
    receiver.join();
}

std::string expectedPrints(const ParamValues& p)
{
    if (p.integer("length") <= p.integer("maxlength"))
        return "got " + std::to_string(p.integer("length")) + " bytes\nnext message: b'hello'\n";
    return std::string("OSError: bad message length\nthe next recv_bytes() raised OSError: ")
        + (p.boolean("duplex") ? "connection is write-only" : "handle is closed") + "\n";
}

} // namespace

SceneBody recvBytesMaxlengthBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) { return expectPrinted(r, expectedPrints(p)); };
    return b;
}

#endif

} // namespace mpstage::scenes
