// SPDX-License-Identifier: MIT
// A Python program's objects on the stage carry the program's own names, with nothing in the program changed:
// `q = mp.Queue()` is "q", `parent_conn, child_conn = mp.Pipe()` is a pipe whose ends are parent_conn and
// child_conn; what is made elsewhere (a list comprehension, an argument, a Pool's insides, a Value's lock)
// keeps its default label (mpstage/_names.py).
#include <mp/telemetry/event_views.h>
#include <mp/telemetry/wire.h>

#include "host_process.h"
#include "leftovers.h"

#include <gtest/gtest.h>

#include <map>
#include <utility>

namespace {

using namespace mp::telemetry;
using mptest::HostProcess;

class ProgramNamesTest : public mptest::NoLeftovers { };

const std::string PROGRAMS = MPSTAGE_PY_OBSERVED_DIR;

std::vector<Event> decode(const std::string& stream)
{
    Decoder decoder;
    decoder.feed(stream);
    std::vector<Event> events;
    while (auto e = decoder.next())
        events.push_back(*e);
    decoder.finish();
    return events;
}

TEST_F(ProgramNamesTest, ObjectsAreNamedByTheAssignmentThatMadeThem)
{
    const auto sut = HostProcess::run({ "serve", "--python", PROGRAMS + "/names.py" });
    ASSERT_EQ(sut.exitCode, 0) << sut.err;
    const auto events = decode(sut.out);
    std::vector<std::pair<std::string, std::string>> mains; // MainProcess's objects: kind, label
    std::vector<std::string> childs;
    std::map<std::uint32_t, std::pair<std::string, std::string>> ends; // object: end 0's name, end 1's
    std::map<std::uint32_t, std::string> relabelled; // object: its ObjectLabel (a = 0)
    for (const Event& e : events) {
        if (e.type == EventType::ObjectCreated) {
            const auto v = as<ObjectCreated>(e);
            if (e.actor.value == 1)
                mains.emplace_back(objectKindName(v.kind), v.label);
            else
                childs.push_back(v.label);
        } else if (e.type == EventType::ObjectLabel) {
            const auto v = as<ObjectLabel>(e);
            if (v.end < 0)
                relabelled[v.object.value] = v.name;
            else
                (v.end == 0 ? ends[v.object.value].first : ends[v.object.value].second) = v.name;
        }
    }
    const std::vector<std::pair<std::string, std::string>> expected {
        { "Queue", "q" }, // q = mp.Queue()
        { "Queue", "plain" }, // from multiprocessing import Queue; plain = Queue(3)
        { "RLock", "rlock#3" }, // the Value's own lock, made by Value() (then labelled below)
        { "Value", "counter" }, // counter = mp.Value('i', 0)
        { "JoinableQueue", "jobs" }, // self.jobs = mp.JoinableQueue()
        { "Pipe", "parent_conn ↔ child_conn" }, // parent_conn, child_conn = mp.Pipe()
        { "Pipe", "reader ← writer" }, // Pipe(duplex=False): what writer sends, reader receives
        { "Queue", "left" }, // left, right = mp.Queue(), mp.SimpleQueue()
        { "Pipe", "right" }, // a SimpleQueue is a one-way Pipe and two locks, as in CPython
        { "Lock", "lock#10" }, // the SimpleQueue's locks
        { "Lock", "lock#11" }, //
        { "Queue", "queue#12" }, // [mp.Queue() for _ in range(2)]
        { "Queue", "queue#13" }, //
        { "Lock", "lock#14" }, // use(mp.Lock())
    };
    ASSERT_GE(mains.size(), expected.size());
    EXPECT_EQ(std::vector(mains.begin(), mains.begin() + static_cast<std::ptrdiff_t>(expected.size())), expected);
    for (std::size_t i = expected.size(); i < mains.size(); ++i) // the Pool's queues and locks
        EXPECT_EQ(mains[i].second.find("pool"), std::string::npos) << mains[i].second;
    EXPECT_EQ(childs, std::vector<std::string> { "done" }) << "a child's own objects are named too";
    EXPECT_EQ(relabelled, (std::map<std::uint32_t, std::string> { { 3, "counter.get_lock()" } }))
        << "a Value's lock is told as the program reaches it";
    EXPECT_EQ(ends,
        (std::map<std::uint32_t, std::pair<std::string, std::string>> {
            { 6, { "parent_conn", "child_conn" } }, { 7, { "reader", "writer" } } }));
}

TEST_F(ProgramNamesTest, AHangIsToldWithTheProgramsNamesForThePipesEnds)
{
    const auto sut = HostProcess::run({ "run", PROGRAMS + "/hang.py", "--timeout", "20" });
    EXPECT_EQ(sut.exitCode, 1) << sut.err;
    EXPECT_NE(sut.out.find("created Pipe output_p ↔ input_p (duplex)"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("MainProcess closed its copy of input_p"), std::string::npos) << sut.out;
    EXPECT_NE(sut.out.find("Process-1 waits in recv() on output_p, but the other end, input_p, is still open in "
                           "Process-1 itself, so end-of-file can never arrive."),
        std::string::npos)
        << sut.out;
}

} // namespace
