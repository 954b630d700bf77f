// SPDX-License-Identifier: MIT
// Recorded telemetry streams (what `mpstage-host serve` wrote for real runs) decode to the World the runs
// had. The files in golden/ were recorded once; if the wire format changes, record them again with
//   mpstage-host serve queue-sentinel < <(sleep 3) > tests/core/golden/queue_sentinel.mpst
//   mpstage-host serve pipe-eof --param close_unused=false --timeout 3 < <(sleep 5) >
//   tests/core/golden/pipe_eof_hang.mpst
#include <mp/telemetry/hang.h>
#include <mp/telemetry/timeline.h>
#include <mp/telemetry/wire.h>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

namespace {

using namespace mp::telemetry;

std::vector<Event> decodeFile(const std::string& name)
{
    std::ifstream in(std::string(MPSTAGE_GOLDEN_DIR) + "/" + name, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    Decoder decoder;
    decoder.feed(bytes.str());
    std::vector<Event> events;
    while (auto e = decoder.next())
        events.push_back(*e);
    decoder.finish();
    return events;
}

const Actor* actorNamed(const World& w, const std::string& name)
{
    for (const Actor* a : w.actors())
        if (a->name == name)
            return a;
    return nullptr;
}

TEST(GoldenStreamTest, TheQueueSentinelRunDecodesToItsWorld)
{
    Timeline sut(64);
    for (Event e : decodeFile("queue_sentinel.mpst"))
        sut.append(std::move(e));
    const World& w = sut.current();

    ASSERT_EQ(w.run().scene, "queue-sentinel");
    const Actor* main = actorNamed(w, "MainProcess");
    const Actor* consumer = actorNamed(w, "Process-1");
    ASSERT_TRUE(main && consumer);
    EXPECT_EQ(main->exitCode, 0);
    EXPECT_EQ(consumer->exitCode, 0);
    std::string printed;
    for (const PrintLine& line : consumer->prints)
        printed += line.text + "\n";
    EXPECT_EQ(printed, "1\n2\n3\n4\nConsumer done\n");

    const ObjectInfo* q = nullptr;
    for (const ObjectInfo* o : w.objects())
        if (o->label == "q")
            q = o;
    ASSERT_NE(q, nullptr);
    const QueueState* queue = w.queue(q->id);
    ASSERT_NE(queue, nullptr);
    std::vector<std::string> delivered;
    for (const auto& [index, item] : queue->delivered()) {
        delivered.push_back(item.repr);
        EXPECT_EQ(item.consumer, consumer->id);
    }
    EXPECT_EQ(delivered, (std::vector<std::string> { "1", "2", "3", "4", "None" }));
    EXPECT_EQ(queue->sentinelsDelivered(), 1U);
    EXPECT_EQ(queue->bufferedCount() + queue->inPipeCount(), 0U);
    EXPECT_EQ(sut.events().back().type, EventType::RunEnded);
    EXPECT_EQ(sut.events().back().a, 1);
}

TEST(GoldenStreamTest, ScrubbingAGoldenRunEqualsReplayingIt)
{
    const std::vector<Event> events = decodeFile("queue_sentinel.mpst");
    Timeline sut(16);
    for (const Event& e : events)
        sut.append(e);
    for (std::size_t k = 0; k <= events.size(); k += 7) {
        World replay;
        for (std::size_t i = 0; i < k; ++i)
            replay.apply(events[i]);
        EXPECT_EQ(sut.worldAt(k), replay) << "at event " << k;
    }
}

TEST(GoldenStreamTest, ReEncodingAGoldenRunGivesTheSameEvents)
{
    const std::vector<Event> events = decodeFile("queue_sentinel.mpst");
    std::string bytes = streamHeader();
    for (const Event& e : events)
        encodeFrame(bytes, e);
    Decoder decoder;
    decoder.feed(bytes);
    std::vector<Event> again;
    while (auto e = decoder.next())
        again.push_back(*e);
    EXPECT_EQ(again, events);
}

TEST(GoldenStreamTest, TheRecordedPipeHangIsExplainedByTheWriteEndTheReaderHolds)
{
    const std::vector<Event> events = decodeFile("pipe_eof_hang.mpst");
    World w;
    std::uint64_t lastNs = 0;
    for (const Event& e : events) {
        if (e.type == EventType::ActorExited && e.a < 0)
            break; // the host's kill at the timeout: look at the run just before it
        w.apply(e);
        lastNs = e.timeNs;
    }

    const auto sentences = explainHang(w, lastNs + 2'000'000'000ULL, 1'000'000'000ULL);

    ASSERT_FALSE(sentences.empty());
    std::string all;
    for (const auto& s : sentences)
        all += s.text + "\n";
    EXPECT_NE(all.find("Process-1 waits in recv()"), std::string::npos) << all;
    EXPECT_NE(all.find("still open in Process-1 itself"), std::string::npos) << all;
}

} // namespace
