// SPDX-License-Identifier: MIT
// Both ends of a duplex Pipe send first and receive afterwards. send() returns once the bytes are in the pipe;
// a message bigger than the pipe holds only fits as the other side reads it. If both messages are that big,
// both processes wait in send() for a reader, and neither ever reaches its recv().

#include "scene_support.h"
#include "scenes.h"

#include <mp/connection.h>
#include <mp/process.h>

#include <string>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "pipe-both-send";

constexpr const char* LISTING = R"(import multiprocessing

SIZE = {kib} * 1024


def child(pipe):
    parent_conn, child_conn = pipe
    parent_conn.close()  @close_parent
[-recv_first]     child_conn.send_bytes(bytes(SIZE))  @send
    data = child_conn.recv_bytes()  @recv
[+recv_first]     child_conn.send_bytes(bytes(SIZE))  @send
    print('child got', len(data), 'bytes')  @print


if __name__ == '__main__':
    parent_conn, child_conn = multiprocessing.Pipe()  @pipe
    p = multiprocessing.Process(target=child, args=((parent_conn, child_conn),))
    p.start()  @start
    child_conn.close()  @close_child
    parent_conn.send_bytes(bytes(SIZE))  @psend
    data = parent_conn.recv_bytes()  @precv
    p.join()  @join
    print('parent got', len(data), 'bytes')  @pprint
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, { { "recv_first", p.boolean("child_receives_first") } }, { { "kib", p.choice("kib") } });
}

// A socketpair holds about 200 KiB in each direction (net.core.wmem_default); the sizes offered stay clear of
// that, so each either fits whole or is several times too big.
long kib(const ParamValues& p)
{
    return std::stol(p.choice("kib"));
}

bool completes(const ParamValues& p)
{
    return p.boolean("child_receives_first") || kib(p) <= 64;
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo pipeBothSendInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "Both ends send first: a Pipe deadlock";
    s.summary = "Parent and child each send a message on a duplex Pipe and then receive the other's. That works "
                "while the messages fit in the pipe, because send() returns once the bytes are buffered. A message "
                "of a megabyte does not fit: send() waits for the other side to read, and the other side is waiting "
                "in its own send(). Letting one side receive first, or sending less, breaks the cycle.";
    s.difficulty = 3;
    s.tags = { "pipe", "pitfall" };
    s.params = {
        { "kib", "Message size (KiB)", "how much each side sends", ParamType::Choice, "1024", 0, 0,
            { "1", "16", "64", "1024", "4096" } },
        { "child_receives_first", "Child receives first",
            "the child receives the parent's message before it sends "
            "its own",
            ParamType::Bool, "false" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the bytes pile up in each direction of the pipe until both directions are full.",
        "Each side sends a megabyte, then receives. Small messages work this way; what happens with big ones?",
        "A pipe is a buffer of a few hundred kilobytes in each direction, and send() only waits when the buffer is "
        "full. With a megabyte, both sides fill their direction and wait for the other to read, but the other is "
        "not reading: it is sending. Neither reaches recv(). Either one side must receive first, or messages must be "
        "small enough to be buffered whole, or the sending must happen on another thread.",
    };
    s.expected = [](const ParamValues& p) {
        if (completes(p))
            return Outcome { OutcomeKind::Completes, "completes: each side receives the other's message" };
        return Outcome { OutcomeKind::Hangs,
            "hangs: both processes wait in send() for the other to read, and neither ever gets to recv()" };
    };
    s.variants = {
        { "the child receives first", { { "child_receives_first", "true" } } },
        { "small messages: 16 KiB", { { "kib", "16" } } },
    };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    const std::string message(static_cast<std::size_t>(kib(p)) * 1024, '\0');
    const bool recvFirst = p.boolean("child_receives_first");
    at(l, "pipe");
    auto [parent_conn, child_conn] = mp::Pipe();
    mp::telemetry::label(parent_conn.telemetry_id(), "the pipe");
    mp::Process child([&] {
        at(l, "close_parent");
        parent_conn.close();
        if (!recvFirst) {
            at(l, "send");
            child_conn.send_bytes(message);
        }
        at(l, "recv");
        const mp::Bytes data = child_conn.recv_bytes();
        if (recvFirst) {
            at(l, "send");
            child_conn.send_bytes(message);
        }
        at(l, "print");
        print("child got", static_cast<long>(data.size()), "bytes");
    });
    at(l, "start");
    child.start();
    at(l, "close_child");
    child_conn.close();
    at(l, "psend");
    parent_conn.send_bytes(message);
    at(l, "precv");
    const mp::Bytes data = parent_conn.recv_bytes();
    at(l, "join");
    child.join();
    at(l, "pprint");
    print("parent got", static_cast<long>(data.size()), "bytes");
}

} // namespace

SceneBody pipeBothSendBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        if (completes(p)) {
            const std::string n = std::to_string(kib(p) * 1024);
            return expectPrinted(r, "child got " + n + " bytes\nparent got " + n + " bytes\n");
        }
        return expectHang(r, { "send()", "neither ever gets to recv()" });
    };
    return b;
}

#endif

} // namespace mpstage::scenes
