// SPDX-License-Identifier: MIT
// A terminal tour of the engine: the seeds' pipe producer/consumer, first with every unused end closed
// (the consumer sees EOF), then with the consumer's own copy of the write end left open (it never would).

#include <mp/mp.h>

#include <iostream>

namespace {

void consumer(mp::Connection out, mp::Connection in, bool closeUnused)
{
    if (closeUnused)
        in.close();
    for (;;) {
        if (!out.poll(1.0)) {
            std::cout << "  consumer: nothing for 1 s and no EOF: a write end is still open somewhere"
                      << (closeUnused ? "" : " (in this very process)") << std::endl;
            return;
        }
        try {
            const mp::Object item = out.recv();
            std::cout << "  consumer got " << mp::repr(item) << std::endl;
        } catch (const mp::EOFError&) {
            std::cout << "  consumer: EOFError, every write end is closed" << std::endl;
            return;
        }
    }
}

void run(bool closeUnused)
{
    std::cout << (closeUnused ? "\n1) Both processes close the end they do not use\n"
                              : "\n2) The consumer forgets to close its copy of the write end\n");
    auto [out, in] = mp::Pipe();
    mp::Process cons([&] { consumer(out, in, closeUnused); });
    cons.start();
    out.close();
    for (const mp::Object& item : { mp::Object(1), mp::Object(2), mp::Object("three"), mp::Object(mp::tuple { 4, 5 }) })
        in.send(item);
    in.close();
    cons.join();
    std::cout << "  " << cons.name() << " exited with code " << cons.exitcode().value_or(-999) << std::endl;
}

} // namespace

int main()
{
    std::cout << "mpstage engine demo: real processes, real pipes (pid " << mp::current_process().pid() << ")\n";
    run(true);
    run(false);
    return 0;
}
