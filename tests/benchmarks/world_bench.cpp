// SPDX-License-Identifier: MIT
// Decoding a telemetry stream and folding it into a World: the app must keep up with a busy run (the bar is
// 2 M events/s). The synthetic stream is what a teaching scene at detail level `full` produces: four
// producers putting on one queue through their feeder threads, two consumers, and the producers contending
// for a lock around `counter.value += 1`. Each actor flushes its frames in batches, as the engine does, so
// frames of different actors arrive out of order (gets before the writes they read, and so on).
#include <mp/telemetry/timeline.h>
#include <mp/telemetry/wire.h>
#include <mp/telemetry/world.h>

#include <benchmark/benchmark.h>

#include <map>
#include <string>
#include <vector>

namespace {

using namespace mp::telemetry;

constexpr ObjectId QUEUE { 1 };
constexpr ObjectId LOCK { 2 };
constexpr ObjectId COUNTER { 3 };
constexpr std::uint32_t PRODUCERS = 4;
constexpr ActorId MAIN { 1 };
constexpr ActorId CONSUMER { PRODUCERS + 2 };

class StreamWriter {
public:
    StreamWriter()
        : m_bytes(streamHeader())
    {
    }

    void emit(Event e, ActorId actor, std::uint16_t thread = 0)
    {
        e.actor = actor;
        e.thread = thread;
        e.timeNs = m_clock += 700;
        e.seq = m_seq[actor.value]++;
        std::string& pending = m_pending[actor.value];
        encodeFrame(pending, e);
        ++m_events;
        if (pending.size() > 2000 + 300 * actor.value) // each actor flushes on its own schedule
            flush(actor);
    }
    void flush(ActorId actor)
    {
        m_bytes += m_pending[actor.value];
        m_pending[actor.value].clear();
    }
    std::string finish()
    {
        for (auto& [actor, pending] : m_pending)
            m_bytes += pending;
        return m_bytes;
    }
    std::size_t events() const { return m_events; }

private:
    std::string m_bytes;
    std::map<std::uint32_t, std::string> m_pending;
    std::map<std::uint32_t, std::uint32_t> m_seq;
    std::uint64_t m_clock = 1'000'000;
    std::size_t m_events = 0;
};

struct Stream {
    std::string bytes;
    std::size_t events = 0;
};

Stream busyStream(int rounds)
{
    StreamWriter w;
    w.emit(Event { .type = EventType::RunStarted, .a = 2, .text = "bench" }, ActorId {});
    w.emit(Event { .type = EventType::ActorStarted, .a = 100, .text = "MainProcess" }, MAIN);
    w.emit(Event { .type = EventType::ObjectCreated, .object = QUEUE, .a = 1, .text = "q" }, MAIN);
    w.emit(Event { .type = EventType::ObjectCreated, .object = LOCK, .a = 5, .text = "lock" }, MAIN);
    w.emit(Event { .type = EventType::ObjectCreated, .object = COUNTER, .a = 12, .text = "counter" }, MAIN);
    w.flush(MAIN);
    for (std::uint32_t p = 2; p <= CONSUMER.value; ++p) {
        w.emit(
            Event { .type = EventType::ActorStarted, .a = 100 + p, .b = 1, .text = "Process-" + std::to_string(p - 1) },
            ActorId { p });
        w.flush(ActorId { p });
    }
    std::int64_t written = 0;
    std::int64_t read = 0;
    std::int64_t acquisition = 0;
    std::int64_t version = 0;
    for (int round = 0; round < rounds; ++round) {
        for (std::uint32_t p = 2; p < 2 + PRODUCERS; ++p) {
            const ActorId producer { p };
            const ItemId item { (std::uint64_t { p } << 40) | static_cast<std::uint64_t>(round + 1) };
            const std::string repr = std::to_string(round * 10 + static_cast<int>(p));
            w.emit(Event { .type = EventType::PutCalled, .object = QUEUE, .item = item, .text = repr }, producer);
            w.emit(Event { .type = EventType::PutBuffered, .object = QUEUE, .item = item }, producer);
            w.emit(
                Event { .type = EventType::FeederWritten, .object = QUEUE, .item = item, .a = written++ }, producer, 1);
            w.emit(Event { .type = EventType::LockWanted, .object = LOCK }, producer);
            w.emit(Event { .type = EventType::LockAcquired, .object = LOCK, .a = 1500 * (p - 1), .b = ++acquisition },
                producer);
            w.emit(
                Event {
                    .type = EventType::ValueRead, .object = COUNTER, .b = version, .text = std::to_string(version) },
                producer);
            w.emit(Event { .type = EventType::ValueWritten,
                       .object = COUNTER,
                       .b = ++version,
                       .text = std::to_string(version) },
                producer);
            w.emit(Event { .type = EventType::LockReleased, .object = LOCK, .b = acquisition }, producer);
        }
        for (std::uint32_t i = 0; i < PRODUCERS; ++i) {
            const ActorId consumer = i % 2 ? MAIN : CONSUMER;
            if (round % 16 == 0 && i == 0) {
                w.emit(Event { .type = EventType::Blocked, .object = QUEUE, .text = "get" }, consumer);
                w.emit(Event { .type = EventType::Unblocked, .object = QUEUE, .text = "get" }, consumer);
            }
            w.emit(Event { .type = EventType::GetCalled, .object = QUEUE }, consumer);
            w.emit(Event { .type = EventType::GetReturned, .object = QUEUE, .a = read++, .text = "7" }, consumer);
        }
    }
    Stream s { .events = w.events() };
    s.bytes = w.finish();
    return s;
}

const Stream& stream()
{
    static const Stream s = busyStream(10'000);
    return s;
}

constexpr std::size_t CHUNK = 64 * 1024; // what one read() of the telemetry pipe returns at most

void BM_DecodeAndApply(benchmark::State& state)
{
    const Stream& s = stream();
    World world;
    for (auto _ : state) {
        Decoder decoder;
        world = World {};
        for (std::size_t at = 0; at < s.bytes.size(); at += CHUNK) {
            decoder.feed(std::string_view(s.bytes).substr(at, CHUNK));
            while (auto e = decoder.next())
                world.apply(*e);
        }
        decoder.finish();
        benchmark::DoNotOptimize(world.eventCount());
    }
    const QueueState& q = *world.queue(QUEUE);
    if (q.inPipeCount() != 0 || q.bufferedCount() != 0 || q.gotCount() != q.putCount() || world.lock(LOCK)->holder())
        state.SkipWithError("the World did not end where the run did");
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.events));
}
BENCHMARK(BM_DecodeAndApply)->Unit(benchmark::kMillisecond);

void BM_DecodeOnly(benchmark::State& state)
{
    const Stream& s = stream();
    for (auto _ : state) {
        Decoder decoder;
        std::size_t n = 0;
        for (std::size_t at = 0; at < s.bytes.size(); at += CHUNK) {
            decoder.feed(std::string_view(s.bytes).substr(at, CHUNK));
            while (auto e = decoder.next())
                ++n;
        }
        benchmark::DoNotOptimize(n);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * s.events));
}
BENCHMARK(BM_DecodeOnly)->Unit(benchmark::kMillisecond);

void BM_ApplyOnly(benchmark::State& state)
{
    const Stream& s = stream();
    std::vector<Event> events;
    Decoder decoder;
    decoder.feed(s.bytes);
    while (auto e = decoder.next())
        events.push_back(std::move(*e));
    for (auto _ : state) {
        World world;
        for (const Event& e : events)
            world.apply(e);
        benchmark::DoNotOptimize(world.eventCount());
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * events.size()));
}
BENCHMARK(BM_ApplyOnly)->Unit(benchmark::kMillisecond);

// Scrubbing: the World at a random event of a ~400,000-event run, from the nearest snapshot, with the
// snapshot spacing the app uses (every 1,024 events, thinned out to at most 64 snapshots).
void BM_ScrubToRandomEvent(benchmark::State& state)
{
    const Stream& s = stream();
    History<World> history(World {}, 1024, 64);
    Decoder decoder;
    decoder.feed(s.bytes);
    while (auto e = decoder.next())
        history.append(std::move(*e));
    std::uint64_t k = 88172645463325252ULL;
    for (auto _ : state) {
        k ^= k << 13;
        k ^= k >> 7;
        k ^= k << 17;
        World world = history.stateAt(k % history.size());
        benchmark::DoNotOptimize(world.eventCount());
    }
    state.counters["events"] = static_cast<double>(history.size());
    state.counters["snapshot_every"] = static_cast<double>(history.snapshotInterval());
}
BENCHMARK(BM_ScrubToRandomEvent)->Unit(benchmark::kMicrosecond);

} // namespace

BENCHMARK_MAIN();
