// SPDX-License-Identifier: MIT
// Seeds 000/001: "raw shared memory, which is very close to the way the hardware allows processes to share data
// ... everything is done in terms of bytes" and "this can be used something like a postbox to pass data".
// One process writes bytes into a named SharedMemory block, another attaches by name and reads them, and the
// creator unlinks the name at the end.

#include "scene_support.h"
#include "scenes.h"

#include <mp/errors.h>
#include <mp/process.h>
#include <mp/shared_memory.h>

#include <cstring>
#include <string>

namespace mpstage::scenes {

namespace {

constexpr const char* ID = "shared-memory-postbox";

constexpr const char* LISTING = R"(from multiprocessing import Process, shared_memory


def writer(name, message):
    box = shared_memory.SharedMemory(name)  @attach_w
    box.buf[0] = len(message)  # the first byte says how long the message is  @len
    box.buf[1:1 + len(message)] = message  @write
    box.close()  @close_w


def reader(name):
    box = shared_memory.SharedMemory(name)  @attach_r
    size = box.buf[0]  @size
    message = bytes(box.buf[1:1 + size])  @read
    box.close()  @close_r
    print('reader got', message)  @print


if __name__ == '__main__':
    box = shared_memory.SharedMemory(create=True, size={size})  @create
    w = Process(target=writer, args=(box.name, b'Hello from the writer'))
    w.start()  @start_w
    w.join()  @join_w
    r = Process(target=reader, args=(box.name,))
    r.start()  @start_r
    r.join()  @join_r
    print('the postbox had', box.size, 'bytes')  @size_print
    box.close()  @close
[+unlink]     box.unlink()  # the name goes; nobody can attach any more  @unlink
[+unlink]     try:
[+unlink]         shared_memory.SharedMemory(box.name)  @reattach
[+unlink]     except FileNotFoundError:
[+unlink]         print('after unlink(), attaching by name raises FileNotFoundError')  @gone
[-unlink]     # (forgot: box.unlink())
)";

Listing listingFor(const ParamValues& p)
{
    return renderListing(
        LISTING, { { "unlink", p.boolean("unlink") } }, { { "size", std::to_string(p.integer("size")) } });
}

} // namespace

#ifndef MPSTAGE_SCENE_BODIES // the scene as the app reads it (mpstage_scene_info)

SceneInfo sharedMemoryPostboxInfo()
{
    SceneInfo s;
    s.id = ID;
    s.title = "SharedMemory as a postbox";
    s.summary = "A SharedMemory block is raw bytes with a name. The parent creates one, a writer process attaches "
                "by name and leaves a message in it (its length in the first byte, then the bytes), and a reader "
                "process attaches by the same name and reads it out. Closing detaches a process; only unlink() "
                "removes the name. Forget it and the block outlives its use, until Python's resource tracker "
                "removes it at shutdown with a warning about leaked shared_memory objects.";
    s.difficulty = 2;
    s.tags = { "shared memory", "seed" };
    s.params = {
        { "size", "Block size (bytes)", "how big a block the parent creates", ParamType::Int, "64", 32, 4096 },
        { "unlink", "Unlink at the end", "the parent calls box.unlink() when the postbox is no longer needed",
            ParamType::Bool, "true" },
    };
    s.listing = [](const ParamValues& p) { return listingFor(p).text; };
    s.narration = {
        "Watch the block: three processes map the same bytes, the writer fills them, the reader copies them out.",
        "The writer has exited before the reader starts. Is the message still there? And after unlink(), can anyone "
        "attach again?",
        "The bytes live in the block, not in any process, so they outlast the writer. Nothing tells the reader what "
        "the bytes mean: the two processes agreed on a layout, a length byte and then the message. close() only "
        "unmaps the block from one process; unlink() removes its name, so nobody new can attach, and the memory goes "
        "once the last mapping is closed.",
    };
    s.expected = [](const ParamValues& p) {
        if (p.boolean("unlink"))
            return Outcome { OutcomeKind::Completes,
                "completes: the reader prints the writer's message, and after unlink() the name is gone" };
        return Outcome { OutcomeKind::Completes,
            "completes: the reader prints the writer's message, and at exit the forgotten block is removed with a "
            "warning about a leaked shared_memory object" };
    };
    s.variants = { { "forget unlink()", { { "unlink", "false" } } } };
    return s;
}

#else // what the host runs (mpstage_scenes)

namespace {

const std::string MESSAGE = "Hello from the writer";

void run(const ParamValues& p)
{
    const Listing l = listingFor(p);
    at(l, "create");
    mp::SharedMemory box(mp::None, true, p.integer("size"));
    const std::string name = box.name();
    mp::Process w([&] {
        at(l, "attach_w");
        mp::SharedMemory mine(name);
        at(l, "len");
        mine.buf()[0] = static_cast<std::byte>(MESSAGE.size());
        at(l, "write");
        std::memcpy(mine.buf().data() + 1, MESSAGE.data(), MESSAGE.size());
        at(l, "close_w");
        mine.close();
    });
    at(l, "start_w");
    w.start();
    at(l, "join_w");
    w.join();
    mp::Process r([&] {
        at(l, "attach_r");
        mp::SharedMemory mine(name);
        at(l, "size");
        const auto size = static_cast<std::size_t>(mine.buf()[0]);
        at(l, "read");
        const mp::Bytes message(mine.buf().data() + 1, size);
        at(l, "close_r");
        mine.close();
        at(l, "print");
        print("reader got", message);
    });
    at(l, "start_r");
    r.start();
    at(l, "join_r");
    r.join();
    at(l, "size_print");
    print("the postbox had", static_cast<long>(box.size()), "bytes");
    at(l, "close");
    box.close();
    if (p.boolean("unlink")) {
        at(l, "unlink");
        box.unlink();
        try {
            at(l, "reattach");
            mp::SharedMemory again(name);
        } catch (const mp::FileNotFoundError&) {
            at(l, "gone");
            print("after unlink(), attaching by name raises FileNotFoundError");
        }
    }
}

} // namespace

SceneBody sharedMemoryPostboxBody()
{
    SceneBody b;
    b.id = ID;
    b.run = run;
    b.check = [](const RunResult& r, const ParamValues& p) {
        const std::string out
            = "reader got b'" + MESSAGE + "'\nthe postbox had " + std::to_string(p.integer("size")) + " bytes\n";
        if (p.boolean("unlink"))
            return expectPrinted(r, out + "after unlink(), attaching by name raises FileNotFoundError\n");
        // MainProcess also prints the leak warning, on stderr.
        const Verdict v = expectPrinted(r, out);
        const auto main = r.printed.find("MainProcess");
        if (v.ok && (main == r.printed.end() || main->second.find("leaked shared_memory") == std::string::npos))
            return Verdict { false, "no warning about the leaked block" };
        return v;
    };
    return b;
}

#endif

} // namespace mpstage::scenes
