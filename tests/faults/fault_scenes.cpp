// SPDX-License-Identifier: MIT
#include "fault_scenes.h"

#include <mp/mp.h>

#include <unistd.h>

#include <cstdio>
#include <vector>

namespace mpfault {

namespace {

void say(const char* text)
{
    std::printf("%s\n", text);
    std::fflush(stdout);
}

[[noreturn]] void sleepForEver()
{
    for (;;)
        ::pause();
}

// What `except Exception as e: print(repr(e))` prints.
void sayRaised(const mp::Error& e)
{
    std::printf("%s(%s)\n", e.type_name(), std::string(e.what()).empty() ? "" : mp::repr(mp::Object(e.what())).c_str());
    std::fflush(stdout);
}

mpstage::Scene faultScene(const char* id, std::function<void()> body)
{
    mpstage::Scene s;
    s.id = id;
    s.title = id;
    s.summary = "a fault-test scene";
    s.listing = [](const mpstage::ParamValues&) { return std::string(); };
    s.expected = [](const mpstage::ParamValues&) { return mpstage::Outcome {}; };
    s.check = [](const mpstage::RunResult&, const mpstage::ParamValues&) { return mpstage::Verdict { true, "" }; };
    s.run = [body = std::move(body)](const mpstage::ParamValues&) { body(); };
    return s;
}

void joinAndSay(mp::Process& p)
{
    p.join();
    std::printf("%s exitcode %d\n", p.name().c_str(), p.exitcode().value_or(999));
    std::fflush(stdout);
}

} // namespace

const mpstage::Scene& lockHolder()
{
    static const mpstage::Scene s = faultScene("lock-holder", [] {
        mp::Lock lock;
        mp::Event holding;
        mp::Process holder([&] {
            lock.acquire();
            holding.set();
            say("holding the lock");
            sleepForEver();
        });
        holder.start();
        holding.wait();
        lock.acquire(); // as in CPython: a lock whose holder died is never released
        say("acquired the lock");
    });
    return s;
}

const mpstage::Scene& bigSender()
{
    static const mpstage::Scene s = faultScene("big-sender", [] {
        auto [r, w] = mp::Pipe(false);
        mp::Process sender([&] {
            r.close();
            w.send_bytes(std::string(1 << 20, 'x')); // 1 MiB: far more than the pipe holds
            say("sent");
        });
        sender.start();
        w.close();
        joinAndSay(sender);
        try {
            const mp::Bytes got = r.recv_bytes();
            std::printf("received %zu bytes\n", got.size());
        } catch (const mp::Error& e) {
            sayRaised(e);
        }
    });
    return s;
}

const mpstage::Scene& quietSender()
{
    static const mpstage::Scene s = faultScene("quiet-sender", [] {
        auto [r, w] = mp::Pipe(false);
        mp::Process sender([&] {
            r.close();
            say("ready");
            sleepForEver();
        });
        sender.start();
        w.close();
        joinAndSay(sender);
        try {
            r.recv_bytes();
            say("received");
        } catch (const mp::Error& e) {
            sayRaised(e);
        }
    });
    return s;
}

const mpstage::Scene& bigPutter()
{
    static const mpstage::Scene s = faultScene("big-putter", [] {
        mp::Queue q;
        mp::Process putter([&] {
            q.put(mp::Bytes(std::string(1 << 20, 'q')));
            say("put returned");
            sleepForEver();
        });
        putter.start();
        joinAndSay(putter);
        try {
            q.get(true, 1.0);
            say("got an item");
        } catch (const mp::Empty&) {
            say("Empty");
        }
    });
    return s;
}

const mpstage::Scene& joiner()
{
    static const mpstage::Scene s = faultScene("joiner", [] {
        mp::Event never;
        mp::Process parent([&] {
            mp::Process child([&] {
                say("waiting for an event nobody sets");
                never.wait();
            });
            child.start();
            child.join();
        });
        parent.start();
        joinAndSay(parent);
    });
    return s;
}

const mpstage::Scene& blockCreator()
{
    static const mpstage::Scene s = faultScene("block-creator", [] {
        mp::Process creator([] {
            mp::SharedMemory block(std::nullopt, true, 4096);
            say("created");
            sleepForEver(); // killed before it can unlink the block
        });
        creator.start();
        joinAndSay(creator);
    });
    return s;
}

const mpstage::Scene& deepTree()
{
    static const mpstage::Scene s = faultScene("deep-tree", [] {
        mp::Event never;
        std::function<void(int)> generation = [&](int left) {
            if (left == 0) {
                say("the youngest is waiting");
                never.wait();
                return;
            }
            mp::Process child([&, left] { generation(left - 1); });
            child.start();
            child.join();
        };
        generation(3);
    });
    return s;
}

const mpstage::Scene& busyCounter()
{
    static const mpstage::Scene s = faultScene("busy-counter", [] {
        mp::Value v('i', 0);
        mp::Process counter([&] {
            for (long n = 0;; ++n) {
                mp::Guard g(v.get_lock());
                v.value += 1;
                if (n == 0)
                    say("counting");
            }
        });
        counter.start();
        counter.join();
        // Read without the lock, which the dead counter may still hold (as Python's v.get_obj().value).
        std::printf("final %s\n", mp::repr(v.get_obj().value.get()).c_str());
        std::fflush(stdout);
    });
    return s;
}

const mpstage::Scene* findFaultScene(std::string_view id)
{
    for (const mpstage::Scene* s : { &lockHolder(), &bigSender(), &quietSender(), &bigPutter(), &joiner(),
             &blockCreator(), &deepTree(), &busyCounter() })
        if (s->id == id)
            return s;
    return nullptr;
}

} // namespace mpfault
