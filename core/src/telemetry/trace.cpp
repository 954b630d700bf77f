// SPDX-License-Identifier: MIT
#include <mp/telemetry/trace.h>

#include <mp/telemetry/event_views.h>

#include <nlohmann/json.hpp>

#include <map>
#include <set>

namespace mp::telemetry {

using Json = nlohmann::json;

struct TraceWriter::Impl {
    Json events = Json::array();
    std::uint64_t originNs = 0;
    bool haveOrigin = false;
    std::set<std::pair<std::uint32_t, std::uint16_t>> namedThreads;
    std::set<std::pair<std::uint32_t, std::uint16_t>> openSlices; // (actor, thread) with a B not yet ended
    std::map<std::pair<std::uint32_t, std::int64_t>, std::uint64_t> itemAtIndex; // (queue, pipe index) -> item
    // A get can be reported before the feeder's write of the same message (the reader was faster than the
    // writer's report): its flow arrow is finished when the write arrives.
    std::map<std::pair<std::uint32_t, std::int64_t>, Event> pendingGets;
    struct Depth {
        std::int64_t buffered = 0;
        std::int64_t inPipe = 0;
    };
    std::map<std::uint32_t, Depth> depth;
    std::map<std::uint32_t, std::int64_t> waiters;

    double us(std::uint64_t ns) const { return static_cast<double>(ns - originNs) / 1000.0; }

    Json base(const char* ph, const std::string& name, const Event& e) const
    {
        return Json { { "ph", ph }, { "name", name }, { "pid", e.actor.value }, { "tid", e.thread },
            { "ts", us(e.timeNs) } };
    }

    void nameThread(const World& w, const Event& e)
    {
        if (!namedThreads.insert({ e.actor.value, e.thread }).second)
            return;
        if (e.thread == 0) {
            const Actor* a = w.actor(e.actor);
            std::string name = e.actor.value == 0 ? "mpstage-host" : w.actorName(e.actor);
            if (a && a->pid)
                name += " (pid " + std::to_string(a->pid) + ")";
            if (e.type == EventType::ActorStarted) {
                const auto v = as<ActorStarted>(e);
                name = v.name + " (pid " + std::to_string(v.pid) + ")";
            }
            events.push_back(Json { { "ph", "M" }, { "name", "process_name" }, { "pid", e.actor.value },
                { "args", { { "name", name } } } });
        }
        events.push_back(Json { { "ph", "M" }, { "name", "thread_name" }, { "pid", e.actor.value }, { "tid", e.thread },
            { "args",
                { { "name", e.thread == 0 ? "main thread" : "QueueFeederThread " + std::to_string(e.thread) } } } });
    }

    void open(const Event& e, const std::string& name)
    {
        close(e);
        events.push_back(base("B", name, e));
        openSlices.insert({ e.actor.value, e.thread });
    }
    void close(const Event& e)
    {
        if (openSlices.erase({ e.actor.value, e.thread }))
            events.push_back(base("E", "", e));
    }
    void instant(const Event& e, const std::string& name, Json args = Json::object())
    {
        Json j = base("X", name, e);
        j["dur"] = 1;
        j["args"] = std::move(args);
        events.push_back(std::move(j));
    }
    void flow(const Event& e, const char* ph, std::uint64_t item)
    {
        Json j = base(ph, "item", e);
        j["id"] = item;
        j["cat"] = "item";
        if (std::string(ph) == "f")
            j["bp"] = "e";
        events.push_back(std::move(j));
    }
    void counter(const Event& e, const std::string& name, Json args)
    {
        Json j = base("C", name, e);
        j["pid"] = 0;
        j.erase("tid");
        j["args"] = std::move(args);
        events.push_back(std::move(j));
    }
    void depthCounter(const World& w, const Event& e)
    {
        const Depth& d = depth[e.object.value];
        counter(e, "depth of " + w.objectName(e.object),
            Json { { "in feeder buffers", d.buffered }, { "in the pipe", d.inPipe } });
    }
};

TraceWriter::TraceWriter()
    : m(std::make_unique<Impl>())
{
}

TraceWriter::~TraceWriter() = default;

void TraceWriter::add(const World& w, const Event& e)
{
    Impl& t = *m;
    if (!t.haveOrigin) {
        t.originNs = e.timeNs;
        t.haveOrigin = true;
    }
    if (e.timeNs < t.originNs)
        return;
    t.nameThread(w, e);
    const std::string object = e.object ? w.objectName(e.object) : std::string();
    switch (e.type) {
    case EventType::Blocked:
        t.open(e, "blocked in " + as<Blocked>(e).operation + "()" + (object.empty() ? "" : " on " + object));
        break;
    case EventType::GateWaiting:
        t.open(e, "paused at gate: " + as<GateWaiting>(e).where);
        break;
    case EventType::Unblocked:
    case EventType::GatePassed:
        t.close(e);
        break;
    case EventType::ActorExited: {
        const auto v = as<ActorExited>(e);
        for (std::uint16_t lane = 0; lane < 64; ++lane)
            if (t.openSlices.erase({ v.exited.value, lane }))
                t.events.push_back(
                    Json { { "ph", "E" }, { "pid", v.exited.value }, { "tid", lane }, { "ts", t.us(e.timeNs) } });
        t.instant(e, w.actorName(v.exited) + " exited", Json { { "code", v.code } });
        break;
    }
    case EventType::PutCalled: {
        const auto v = as<PutCalled>(e);
        t.instant(e, "put " + v.repr + " on " + object);
        t.flow(e, "s", v.item.value);
        break;
    }
    case EventType::PutBuffered:
        ++t.depth[e.object.value].buffered;
        t.depthCounter(w, e);
        break;
    case EventType::FeederWritten: {
        const auto v = as<FeederWritten>(e);
        t.instant(e, "feeder wrote to " + object, Json { { "index", v.index } });
        t.itemAtIndex[{ v.queue.value, v.index }] = v.item.value;
        --t.depth[v.queue.value].buffered;
        if (const auto get = t.pendingGets.find({ v.queue.value, v.index }); get != t.pendingGets.end()) {
            t.flow(get->second, "f", v.item.value); // already read: it never waits in the pipe
            t.pendingGets.erase(get);
        } else {
            ++t.depth[v.queue.value].inPipe;
        }
        t.depthCounter(w, e);
        break;
    }
    case EventType::GetReturned: {
        const auto v = as<GetReturned>(e);
        t.instant(e, "get " + v.repr + " from " + object);
        const auto it = t.itemAtIndex.find({ v.queue.value, v.index });
        if (it != t.itemAtIndex.end()) {
            t.flow(e, "f", it->second);
            --t.depth[v.queue.value].inPipe;
        } else {
            t.pendingGets.emplace(std::make_pair(v.queue.value, v.index), e);
        }
        t.depthCounter(w, e);
        break;
    }
    case EventType::Send:
        t.instant(e, "send " + as<Send>(e).repr + " on " + object);
        break;
    case EventType::Recv:
        t.instant(e, "recv " + as<Recv>(e).repr + " on " + object);
        break;
    case EventType::Eof:
        t.instant(e, "EOFError on " + object);
        break;
    case EventType::LockWanted:
        t.counter(e, "waiters for " + object, Json { { "waiting", ++t.waiters[e.object.value] } });
        break;
    case EventType::LockAcquired:
    case EventType::LockFailed:
        t.counter(e, "waiters for " + object, Json { { "waiting", --t.waiters[e.object.value] } });
        if (e.type == EventType::LockAcquired)
            t.instant(e, "acquired " + object, Json { { "waited_ns", as<LockAcquired>(e).waitedNs } });
        break;
    case EventType::ValueWritten: {
        const auto v = as<ValueWritten>(e);
        t.instant(e, object + " = " + v.repr, Json { { "old", v.old } });
        break;
    }
    case EventType::Print:
        t.instant(e, "print", Json { { "text", as<Print>(e).text } });
        break;
    default:
        break;
    }
}

std::string TraceWriter::json() const
{
    return Json { { "traceEvents", m->events }, { "displayTimeUnit", "ms" } }.dump();
}

} // namespace mp::telemetry
